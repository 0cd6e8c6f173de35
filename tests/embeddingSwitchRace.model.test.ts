import { describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { AppError } from '../src/shared/errors'
import { rememberUserSaid } from './helpers/rememberUserSaid'
import { storiesModel } from './helpers/sharedPaths'
import { useTestCore } from './helpers/useTestCore'

describe('switching the embedding model while memory is searched', () => {
  let core: Core
  useTestCore((created) => (core = created))

  it('searches during GGUF <-> bundled switches finish (old model or new), never crash or fail as INTERNAL', async () => {
    const texts = ['I live in Tokyo.', 'My favourite food is ramen.', 'I have a cat named Mochi.', 'I work as a nurse.']
    const owner = await rememberUserSaid(core, texts)
    const failures: string[] = []
    let searches = 0
    let isSwitching = true
    // Several searches always in flight, as the Memories panel and replies would keep them during a switch.
    const searchers = Array.from({ length: 4 }, async () => {
      while (isSwitching) {
        try {
          await core.memory.search(owner, 'Where do I live? Tokyo', 5)
          searches++
        } catch (error) {
          failures.push(error instanceof AppError ? error.code : String(error))
        }
      }
    })
    for (const path of [storiesModel, null, storiesModel, null]) await core.switchEmbeddingModel(path)
    isSwitching = false
    await Promise.all(searchers)
    expect(failures).toEqual([])
    expect(searches).toBeGreaterThan(4)
    // Every memory is in the index once, with the model finally chosen.
    expect(core.memoryIndex.embedderId).toBe('model2vec:potion-base-2M')
    expect((await core.memoryIndex.ids()).sort()).toEqual(
      core.memoryRepository
        .all()
        .map((m) => m.id)
        .sort()
    )
  })

  it('two switches asked for at once end with the one asked for last, whichever model loads faster', async () => {
    await rememberUserSaid(core, ['I live in Tokyo.', 'I have a cat named Mochi.'])
    // The GGUF embedder takes a while to load, the bundled one none: the second switch must still win.
    const slow = core.switchEmbeddingModel(storiesModel)
    const fast = core.switchEmbeddingModel(null)
    await Promise.all([slow, fast])
    expect(core.memoryIndex.embedderId).toBe('model2vec:potion-base-2M')
    expect(core.settings.get().embeddingModelPath).toBeNull()
    // Once the last switch answered, the index is whole: no refill of an earlier switch still runs.
    expect((await core.memoryIndex.ids()).length).toBe(core.memoryRepository.count())
  })
})
