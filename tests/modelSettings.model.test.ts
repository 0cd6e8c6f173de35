import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import type { GenerationResult } from '../src/main/llm/types'
import { createHandlers, type Handlers } from '../src/main/ipc/handlers'
import { collectEvents } from './helpers/collectEvents'
import { storiesModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('per-model settings', () => {
  const tempDir = useTempDir()
  let core: Core
  let handlers: Handlers
  const results: GenerationResult[] = []
  beforeEach(async () => {
    results.length = 0
    core = await createTestCore(tempDir(), { onGeneration: (r) => r.lane === 'chat' && results.push(r) })
    handlers = createHandlers(core, 'http')
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('start from the family defaults, persist, and apply context size, chat template and sampling on load', async () => {
    const defaults = await handlers['models.getSettings']({ path: storiesModel })
    expect(defaults).toMatchObject({
      contextSize: null,
      gpuLayers: 'auto',
      chatTemplate: 'auto',
      sampling: { temperature: 0.8 }
    })
    await handlers['models.updateSettings']({
      path: storiesModel,
      settings: { contextSize: 1024, chatTemplate: 'chatml', sampling: { maxTokens: 5, temperature: 0 } }
    })
    const status = await handlers['models.load']({ path: storiesModel })
    expect(status).toMatchObject({ contextSize: 1024, chatTemplate: 'chatml' })
    const chatId = core.chat.create(core.characters.list(core.userId)[0]!.id).id
    const recorder = collectEvents(core.events)
    const { streamId } = core.chat.send(chatId, 'Hello')
    await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    expect(results[0]!.outputTokens).toBeLessThanOrEqual(5)
    expect((await handlers['models.getSettings']({ path: storiesModel })).sampling).toMatchObject({
      maxTokens: 5,
      temperature: 0,
      topP: 0.9
    })
  })
})
