import { describe, expect, it } from 'vitest'
import { parseHfRepoUri } from './hfRepoDownload'
import { RECOMMENDED_MODELS } from './recommendedModels'
import { resolveModelUrl } from './resolveModelUrl'

describe('recommended models', () => {
  it('name chat GGUF files and ONNX repositories the downloader takes, each with size and licence', () => {
    for (const model of RECOMMENDED_MODELS) {
      if (model.job === 'chat') expect(resolveModelUrl(model.uri)).toMatch(/^https:\/\/huggingface\.co\/.+\.gguf$/)
      else expect(parseHfRepoUri(model.uri), model.uri).not.toBeNull()
      expect(model.sizeBytes).toBeGreaterThan(0)
      expect(model.licence.length).toBeGreaterThan(0)
    }
    expect(new Set(RECOMMENDED_MODELS.map((m) => m.job))).toEqual(new Set(['chat', 'emotion', 'embeddings']))
  })
})
