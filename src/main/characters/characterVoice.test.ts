import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CharacterVoice } from '../../shared/domain/voice'
import { sharedDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createTestCore } from '../../../tests/helpers/testCore'
import { dispatch } from '../ipc/dispatch'
import { createHandlers } from '../ipc/handlers'
import { decodeCard } from './cards/decodeCard'
import { encodeCard, type CardFormat } from './cards/encodeCard'
import { starterCharacter } from './starterCharacter'

const seraphinaPng = join(sharedDir, 'data', 'character-cards', 'cards', 'Seraphina.v2.png')
// A multi-speaker voice that reads sad replies with speaker 5 and happy ones with speaker 0.
const neural: CharacterVoice = {
  kind: 'neural',
  modelId: '/voices/piper-amy',
  speakerId: 3,
  speed: 1.2,
  speakerByEmotion: { sadness: 5, joy: 0 }
}
const system: CharacterVoice = { kind: 'system', voiceName: 'English (Great Britain)+Annie espeak-ng', speed: 0.9 }

describe("a character's voice (issue 18)", () => {
  const tempDir = useTempDir()

  it('is saved through characters.update, survives a restart, and is refused when malformed', async () => {
    const dataDir = tempDir()
    const core = await createTestCore(dataDir)
    const handlers = createHandlers(core, 'http')
    const aiko = core.characters.list(core.userId)[0]!
    expect(aiko.voice).toBeNull()
    expect(await dispatch(handlers, 'characters.update', { id: aiko.id, patch: { voice: neural } })).toMatchObject({
      ok: true,
      value: { voice: neural }
    })
    for (const bad of [
      { kind: 'neural', modelId: 'x', speakerId: -1, speed: 1 },
      { kind: 'neural', modelId: 'x', speakerId: 0, speed: 1, speakerByEmotion: { sadness: -1 } },
      { kind: 'neural', modelId: 'x', speakerId: 0, speed: 1, speakerByEmotion: { boredom: 1 } },
      { kind: 'system', voiceName: 'x', speed: 100 },
      { kind: 'cloud', voiceName: 'x', speed: 1 }
    ])
      expect(await dispatch(handlers, 'characters.update', { id: aiko.id, patch: { voice: bad } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' }
      })
    await core.dispose()
    const reopened = await createTestCore(dataDir)
    expect(reopened.characters.get(aiko.id).voice).toEqual(neural)
    await reopened.dispose()
  })

  it("goes out in every card format under the app's own extension and comes back on import", async () => {
    const core = await createTestCore(tempDir())
    const image = readFileSync(seraphinaPng)
    for (const [format, voice] of [
      ['png-v2', system],
      ['png-v3', neural],
      ['json-v2', neural],
      ['json-v3', system]
    ] satisfies [CardFormat, CharacterVoice][]) {
      const exported = encodeCard({ ...starterCharacter(), name: `Voiced ${format}`, voice }, format, image)
      expect(decodeCard(exported.fileName, exported.bytes).draft.voice, format).toEqual(voice)
      const card = JSON.parse(format.startsWith('json') ? Buffer.from(exported.bytes).toString('utf8') : '{}') as {
        data?: { extensions?: Record<string, { profile?: { voice?: unknown } }> }
      }
      if (format.startsWith('json')) expect(card.data?.extensions?.['ai-anime']?.profile?.voice).toEqual(voice)
      const imported = await core.characterService.importCard(exported.fileName, exported.bytes)
      expect(imported.voice, format).toEqual(voice)
    }
    await core.dispose()
  })

  it('is the default for cards from other apps, and a malformed one in our extension is refused', async () => {
    const core = await createTestCore(tempDir())
    const seraphina = await core.characterService.importCard('Seraphina.v2.png', readFileSync(seraphinaPng))
    expect(seraphina.voice).toBeNull()
    const broken = Buffer.from(
      JSON.stringify({
        spec: 'chara_card_v2',
        spec_version: '2.0',
        data: { name: 'Broken', extensions: { 'ai-anime': { version: 1, profile: { voice: { kind: 'neural' } } } } }
      })
    )
    const before = core.characters.count(core.userId)
    await expect(core.characterService.importCard('broken.json', broken)).rejects.toMatchObject({
      code: 'CARD_INVALID',
      message: expect.stringMatching(/voice/) as unknown
    })
    expect(core.characters.count(core.userId)).toBe(before)
    await core.dispose()
  })
})

describe('the voice settings (issue 18)', () => {
  const tempDir = useTempDir()

  it('default to skipping asides at full mood strength, update in part, and refuse nonsense', async () => {
    const core = await createTestCore(tempDir())
    const handlers = createHandlers(core, 'http')
    expect(core.settings.get().voice).toEqual({
      asides: 'skip',
      narratorVoice: null,
      emotionStrength: 1,
      readAloudChatIds: [],
      sttModelId: null
    })
    expect(
      await dispatch(handlers, 'settings.update', { voice: { asides: 'narrate', narratorVoice: system } })
    ).toMatchObject({ ok: true, value: { voice: { asides: 'narrate', narratorVoice: system, emotionStrength: 1 } } })
    await dispatch(handlers, 'settings.update', { voice: { emotionStrength: 0 } })
    expect(core.settings.get().voice).toMatchObject({ asides: 'narrate', narratorVoice: system, emotionStrength: 0 })
    await dispatch(handlers, 'settings.update', { voice: { sttModelId: 'whisper-id' } })
    expect(core.settings.get().voice.sttModelId).toBe('whisper-id')
    for (const voice of [
      { emotionStrength: 2 },
      { asides: 'whisper' },
      { narratorVoice: { kind: 'system' } },
      { sttModelId: '' }
    ])
      expect(await dispatch(handlers, 'settings.update', { voice })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' }
      })
    expect(core.settings.get().voice.emotionStrength).toBe(0)
    await core.dispose()
  })
})
