import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { substituteMacros } from '../src/main/util/substituteMacros'
import { collectEvents } from './helpers/collectEvents'
import { sharedDir, tinyLlamaModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('imported cards in the app', () => {
  const tempDir = useTempDir()
  let core: Core
  beforeEach(async () => {
    core = await createTestCore(tempDir())
    core.settings.update({ sampling: { maxTokens: 6 }, isModelMemoryExtractionOn: false })
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('imports a PNG card with its avatar, exports it again, and refuses a plain PNG without storing anything', async () => {
    const png = readFileSync(join(sharedDir, 'data', 'character-cards', 'cards', 'Seraphina.v2.png'))
    const seraphina = await core.characterService.importCard('Seraphina.v2.png', png)
    expect(seraphina.avatarFile).toMatch(/\.png$/)
    expect((await core.characterService.avatarDataUrl(seraphina.id)).startsWith('data:image/png;base64,')).toBe(true)
    const exported = await core.characterService.exportCard(seraphina.id, 'png-v3')
    const again = await core.characterService.importCard(exported.fileName, exported.bytes)
    expect(again.name).toBe('Seraphina')
    expect(again.lorebook?.entries).toHaveLength(4)
    const before = core.characters.count(core.userId)
    const plain = readFileSync(join(sharedDir, 'data', 'character-cards', 'no-card', 'user-default.png'))
    await expect(core.characterService.importCard('user-default.png', plain)).rejects.toMatchObject({
      code: 'CARD_INVALID'
    })
    expect(core.characters.count(core.userId)).toBe(before)
  })

  it("uses the card's lorebook as keyword-triggered context", async () => {
    const png = readFileSync(join(sharedDir, 'data', 'character-cards', 'cards', 'Seraphina.v2.png'))
    const seraphina = await core.characterService.importCard('Seraphina.v2.png', png)
    await core.runtime.load({ path: tinyLlamaModel })
    const entry = seraphina.lorebook!.entries[0]!
    const chatId = core.chat.create(seraphina.id).id
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, `Tell me about ${entry.keys[0]}.`)
    await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    // Placed where the entry's position says (before the character), not carried with the user's message.
    expect(core.messages.get(userMessageId).injectedContext).not.toContain(
      substituteMacros(entry.content, { char: 'Seraphina', user: 'User' }).slice(0, 60)
    )
    // The reply's "used" list names the card entry that fired.
    const used = core.lorebooks.usedEntries(core.messages.get(userMessageId).loreEntryIds)
    expect(used.map((u) => u.content)).toContain(entry.content)
  })
})
