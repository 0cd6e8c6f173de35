import { afterEach, describe, expect, it } from 'vitest'
import type { CoreHost } from '../src/main/CoreHost'
import { createBackup } from '../src/main/backup/createBackup'
import { collectEvents } from './helpers/collectEvents'
import { picture } from './helpers/charxFixtures'
import { tinyLlamaModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestHost } from './helpers/testCore'
import { useTinyModelCore } from './helpers/useTinyModelCore'

describe('backup and restore', () => {
  const core = useTinyModelCore({ maxTokens: 200 })
  const tempDir = useTempDir()
  let fresh: CoreHost | null = null
  afterEach(async () => {
    await fresh?.dispose()
    fresh = null
  })

  it('backs up while a reply streams and restores every character, chat, message and memory into a new folder', async () => {
    const c = core()
    const aiko = c.characters.list(c.userId)[0]!
    await c.characterService.setAvatar(aiko.id, await picture('#3366ff'))
    const mira = c.characterService.create({ ...aiko, name: 'Mira', avatarFile: null })
    const chat = c.chat.create(aiko.id)
    const recorder = collectEvents(c.events)
    const first = c.chat.send(chat.id, 'I live in Osaka and my cat is called Mochi.')
    await recorder.waitFor('chat.done', (p) => p.streamId === first.streamId)
    await c.background.settle()
    const owner = { characterId: aiko.id, userId: c.userId }
    const memoriesBefore = c.memory.list(owner, 'all').length
    expect(memoriesBefore).toBeGreaterThan(0)

    const second = c.chat.send(chat.id, 'Tell me a long story about the sea.')
    expect(c.chat.isStreaming(second.streamId)).toBe(true)
    const archive = await createBackup({
      db: c.db,
      dataDir: c.config.dataDir,
      modelsDir: c.config.modelsDir,
      appVersion: c.config.version
    })
    await recorder.waitFor('chat.done', (p) => p.streamId === second.streamId)
    recorder.stop()
    expect(archive.manifest.appVersion).toBe(c.config.version)

    fresh = await createTestHost(tempDir())
    expect(fresh.current.characters.list(fresh.current.userId).map((x) => x.name)).toEqual(['Aiko'])
    const restored = await fresh.restore(archive.bytes)
    expect(restored.createdAt).toBe(archive.manifest.createdAt)
    const r = fresh.current
    expect(
      r.characters
        .list(r.userId)
        .map((x) => x.name)
        .sort()
    ).toEqual(['Aiko', 'Mira'])
    expect(r.characters.get(mira.id).name).toBe('Mira')
    const restoredAvatar = await r.characterService.avatarDataUrl(aiko.id)
    expect(restoredAvatar).toBe(await c.characterService.avatarDataUrl(aiko.id))
    const messages = r.messages.list(chat.id)
    expect(messages.map((m) => m.content).slice(0, 3)).toEqual(
      c.messages
        .list(chat.id)
        .map((m) => m.content)
        .slice(0, 3)
    )
    expect(messages.some((m) => m.content === 'Tell me a long story about the sea.')).toBe(true)
    expect(r.memory.list(owner, 'all').length).toBeGreaterThanOrEqual(memoriesBefore)
    // The memory index was rebuilt from the restored database: recall finds what was said.
    const found = await r.memory.search(owner, 'Where do I live?', 5)
    expect(found.some((m) => /Osaka/.test(m.text))).toBe(true)
  })

  it('loads the chat model again after a restore replaced the core', async () => {
    const archive = await createBackup({
      db: core().db,
      dataDir: core().config.dataDir,
      modelsDir: core().config.modelsDir,
      appVersion: core().config.version
    })
    fresh = await createTestHost(tempDir())
    await fresh.current.runtime.load({ path: tinyLlamaModel })
    await fresh.restore(archive.bytes)
    await fresh.current.background.settle()
    expect(await fresh.current.models.status()).toMatchObject({ state: 'loaded', path: tinyLlamaModel })
  })
})
