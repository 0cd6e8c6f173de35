import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { extractFacts } from '../src/main/memory/extractFacts'
import { collectEvents } from './helpers/collectEvents'
import { storiesModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('changing the embedding model', () => {
  const tempDir = useTempDir()
  let core: Core
  let dataDir: string
  beforeEach(async () => {
    dataDir = tempDir()
    core = await createTestCore(dataDir)
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('re-embeds every memory with progress, survives a restart, and switches back to the bundled model', async () => {
    const aiko = core.characters.list(core.userId)[0]!
    const owner = { characterId: aiko.id, userId: core.userId }
    for (const [i, text] of ['I live in Tokyo.', 'My favourite food is ramen.', 'I have a cat named Mochi.'].entries()) {
      await core.memory.ingest({ ...owner, chatId: null, messageId: `m${i}`, speaker: 'User', text, at: new Date().toISOString(), facts: extractFacts(text, 'User') })
    }
    const stored = core.memory.list(owner).length
    const recorder = collectEvents(core.events)
    // The tiny GGUF's vectors are meaningless (MODELS.md); this exercises the path, not retrieval quality.
    const switched = await core.switchEmbeddingModel(storiesModel)
    core.settings.update({ embeddingModelPath: storiesModel })
    expect(switched).toMatchObject({ count: stored })
    expect(switched.embedderId).toMatch(/^gguf:stories260K\.gguf/)
    const progress = recorder.events.filter((e) => e.event === 'memory.reindexProgress').map((e) => (e.payload as { progress: number }).progress)
    expect(progress[progress.length - 1]).toBe(1)
    expect((await core.memory.search(owner, 'Tokyo', 5)).length).toBeGreaterThan(0)

    await core.dispose()
    core = await createTestCore(dataDir)
    expect(core.memory.embedderId).toBe(switched.embedderId)
    expect(core.memoryNotice).toBeNull()

    const back = await core.switchEmbeddingModel(null)
    expect(back.embedderId).toBe('model2vec:potion-base-2M')
    const recalled = await core.memory.recall({ ...owner, query: 'Where do I live?', now: new Date(), tokenBudget: 300, header: 'M' })
    expect(recalled.used[0]?.text).toBe('User lives in Tokyo')
  })
})
