import { describe, expect, it } from 'vitest'
import { RANK_WEIGHTS } from './rankMemories'
import { embedderFamily, rankWeightsFor } from './rankWeightsFor'

describe('ranking weights per embedder family', () => {
  it('names one family for the GGUF and ONNX builds of a model, whatever the quantisation', () => {
    expect(embedderFamily('gguf:nomic-embed-text-v1.5.Q8_0.gguf:146146432:nomic')).toBe('nomic-embed-text-v1.5')
    expect(embedderFamily('onnx:nomic-embed-text-v1.5:q8:1234:mean:nomic')).toBe('nomic-embed-text-v1.5')
    expect(embedderFamily('gguf:bge-small-en-v1.5-f16.gguf:1:search-passages')).toBe('bge-small-en-v1.5')
    expect(embedderFamily('model2vec:potion-base-2M')).toBe('potion-base-2m')
  })

  it("picks a family's fitted weights over the defaults, feature by feature, and the defaults otherwise", () => {
    const table = { 'all-minilm-l6-v2': { vector: 1.4, next: 0.5 } }
    const weights = rankWeightsFor('onnx:all-MiniLM-L6-v2:q8:23000000:mean', table)
    expect(weights).toEqual({ ...RANK_WEIGHTS, vector: 1.4, next: 0.5 })
    expect(rankWeightsFor('model2vec:potion-base-2M', table)).toBe(RANK_WEIGHTS)
    expect(rankWeightsFor('gguf:other.gguf:1', table)).toBe(RANK_WEIGHTS)
  })
})
