import { describe, expect, it } from 'vitest'
import { storiesModel, tinyLlamaModel } from '../../../tests/helpers/sharedPaths'
import { inspectModel } from './inspectModel'

describe('inspectModel reads GGUF metadata without loading the weights', () => {
  it('describes both shared GGUFs', async () => {
    const stories = await inspectModel(storiesModel)
    expect(stories).toMatchObject({
      fileName: 'stories260K.gguf',
      architecture: 'llama',
      contextLength: 2048,
      layerCount: 5,
      embeddingLength: 64,
      chatTemplate: null,
      fileSizeBytes: 1_185_376
    })
    expect(stories.parameterCount).toBeGreaterThan(250_000)
    const tiny = await inspectModel(tinyLlamaModel)
    expect(tiny).toMatchObject({
      architecture: 'llama',
      name: 'LLaMA v2',
      contextLength: 4096,
      quantization: 'F16',
      layerCount: 1
    })
    // Without a Llama instance no memory estimate is made: nothing native is touched.
    expect(tiny.fitsInMemory).toBeNull()
  })
})
