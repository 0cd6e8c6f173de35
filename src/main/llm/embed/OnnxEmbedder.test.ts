import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { writeTinyOnnxModel } from '../../../../tests/helpers/onnx/writeTinyOnnxModel'
import { useOnnxRuntime } from '../../../../tests/helpers/onnx/useOnnxRuntime'
import { cosineSimilarity } from './Embedder'
import { OnnxEmbedder } from './OnnxEmbedder'

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0))

describe('OnnxEmbedder (tiny random-weight feature-extraction models)', () => {
  const tempDir = useTempDir()
  const onnx = useOnnxRuntime()

  it('embeds to unit vectors of the configured dimension, zero for blank text, in batches', async () => {
    const dir = writeTinyOnnxModel(join(tempDir(), 'all-MiniLM-L6-v2'), { task: 'feature-extraction', dimensions: 24 })
    const embedder = await OnnxEmbedder.load(onnx(), dir)
    expect(embedder.dimensions).toBe(24)
    expect(embedder.id).toMatch(/^onnx:all-MiniLM-L6-v2:q8:\d+:mean$/)
    const texts = Array.from({ length: 40 }, (_, i) => (i === 7 ? '   ' : `memory number ${i} about Tokyo`))
    const vectors = await embedder.embed(texts)
    expect(vectors).toHaveLength(40)
    for (const [i, v] of vectors.entries()) {
      expect(v).toHaveLength(24)
      if (i === 7) expect(norm(v)).toBe(0)
      else expect(norm(v)).toBeCloseTo(1, 4)
    }
    // Batching does not change a text's vector.
    const [alone] = await embedder.embed([texts[33]!])
    expect(cosineSimilarity(alone!, vectors[33]!)).toBeGreaterThan(0.9999)
    await embedder.dispose()
  })

  it("embeds questions and passages with the prefixes the model's card prescribes (e5)", async () => {
    const root = tempDir()
    const e5 = writeTinyOnnxModel(join(root, 'multilingual-e5-small'), { task: 'feature-extraction', dimensions: 16 })
    // The same weights under a name with no prefix scheme: what the model sees for an explicitly prefixed text.
    const plainDir = join(root, 'plain-model')
    cpSync(e5, plainDir, { recursive: true })
    const prefixed = await OnnxEmbedder.load(onnx(), e5)
    const plain = await OnnxEmbedder.load(onnx(), plainDir)
    expect(prefixed.id).toMatch(/:e5$/)
    const [query] = await prefixed.embed(['where do I live'], 'query')
    const [passage] = await prefixed.embed(['where do I live'], 'document')
    const [expectedQuery, expectedPassage] = await plain.embed(['query: where do I live', 'passage: where do I live'])
    expect(cosineSimilarity(query!, expectedQuery!)).toBeGreaterThan(0.9999)
    expect(cosineSimilarity(passage!, expectedPassage!)).toBeGreaterThan(0.9999)
    expect(cosineSimilarity(query!, passage!)).toBeLessThan(0.9999)
  })

  it('pools as the sentence-transformers config says (CLS for bge), which changes the vectors', async () => {
    const root = tempDir()
    const mean = writeTinyOnnxModel(join(root, 'some-model'), { task: 'feature-extraction', dimensions: 16 })
    const cls = join(root, 'other-model')
    cpSync(mean, cls, { recursive: true })
    mkdirSync(join(cls, '1_Pooling'))
    writeFileSync(join(cls, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true }))
    const meanEmbedder = await OnnxEmbedder.load(onnx(), mean)
    const clsEmbedder = await OnnxEmbedder.load(onnx(), cls)
    expect(clsEmbedder.id).toMatch(/:cls$/)
    const [a] = await meanEmbedder.embed(['I live in Tokyo'])
    const [b] = await clsEmbedder.embed(['I live in Tokyo'])
    expect(cosineSimilarity(a!, b!)).toBeLessThan(0.999)
    const bge = join(root, 'bge-small-en-v1.5')
    cpSync(mean, bge, { recursive: true })
    expect((await OnnxEmbedder.load(onnx(), bge)).id).toMatch(/:cls:search-passages$/)
  })
})
