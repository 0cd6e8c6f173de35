import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { collectEvents } from './helpers/collectEvents'
import { rememberUserSaid } from './helpers/rememberUserSaid'
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
    const owner = await rememberUserSaid(core, [
      'I live in Tokyo.',
      'My favourite food is ramen.',
      'I have a cat named Mochi.'
    ])
    const stored = core.memory.list(owner).length
    const recorder = collectEvents(core.events)
    // The tiny GGUF's vectors are meaningless (MODELS.md); this exercises the path, not retrieval quality.
    const switched = await core.switchEmbeddingModel(storiesModel)
    core.settings.update({ embeddingModelPath: storiesModel })
    expect(switched).toMatchObject({ count: stored })
    expect(switched.embedderId).toMatch(/^gguf:stories260K\.gguf/)
    const progress = recorder.events
      .filter((e) => e.event === 'memory.reindexProgress')
      .map((e) => (e.payload as { progress: number }).progress)
    expect(progress[progress.length - 1]).toBe(1)
    expect((await core.memory.search(owner, 'Tokyo', 5)).length).toBeGreaterThan(0)

    await core.dispose()
    core = await createTestCore(dataDir)
    expect(core.memoryIndex.embedderId).toBe(switched.embedderId)
    expect(core.memoryNotice).toBeNull()

    const back = await core.switchEmbeddingModel(null)
    expect(back.embedderId).toBe('model2vec:potion-base-2M')
    const recalled = await core.memory.recall({
      ...owner,
      query: 'Where do I live?',
      now: new Date(),
      tokenBudget: 300,
      header: 'M'
    })
    expect(recalled.used[0]?.text).toBe('User lives in Tokyo')
    // Choosing the model already in use refills a fresh index, not a second copy of every row.
    expect(await core.switchEmbeddingModel(null)).toEqual({ embedderId: back.embedderId, count: stored })
    const hits = (
      await core.memoryIndex.candidates({ ...owner, query: 'Tokyo ramen Mochi', now: new Date(), depth: 50 })
    ).vectorHits.map((h) => h.id)
    expect(hits).toHaveLength(stored)
    expect(new Set(hits).size).toBe(stored)
  })

  it('with a GGUF embedder, refills a stale index in the background at start instead of holding the app up', async () => {
    const owner = await rememberUserSaid(core, ['I live in Tokyo.', 'My favourite food is ramen.'], {
      withFacts: false
    })
    const { embedderId } = await core.switchEmbeddingModel(storiesModel)
    core.settings.update({ embeddingModelPath: storiesModel })
    await core.dispose()
    // As after an upgrade that changes how the model embeds (its id): the stored index no longer matches it.
    const record = join(dataDir, 'memory-index', 'index.json')
    const filled = await readFile(record, 'utf8')
    await writeFile(record, filled.replace(embedderId, 'gguf:an-older-id'))

    core = await createTestCore(dataDir)
    expect(core.memoryNotice).toMatch(/2 memories are being re-embedded in the background/)
    await core.background.settle()
    expect(await readFile(record, 'utf8')).toBe(filled)
    expect((await core.memoryIndex.candidates({ ...owner, query: 'Tokyo', now: new Date() })).vectorHits).toHaveLength(
      2
    )
  })
})
