import { describe, expect, it, beforeAll } from 'vitest'
import { join } from 'node:path'
import { cosineSimilarity } from './Embedder'
import { Model2VecEmbedder } from './Model2VecEmbedder'
import { readModel2VecBin } from './readModel2VecBin'
import { AppError } from '../../../shared/errors'

const bundledDir = join(process.cwd(), 'resources', 'embeddings', 'potion-base-2M')

describe('Model2VecEmbedder (bundled potion-base-2M)', () => {
  let embedder: Model2VecEmbedder
  beforeAll(async () => {
    embedder = await Model2VecEmbedder.load(bundledDir)
  })

  it('gives unit-length 64-dim vectors and the zero vector for empty text', async () => {
    const [a, empty] = await embedder.embed(['I live in Tokyo', ''])
    expect(a).toHaveLength(64)
    const norm = Math.sqrt(a!.reduce((s, x) => s + x * x, 0))
    expect(norm).toBeCloseTo(1, 4)
    expect(Array.from(empty!).every((x) => x === 0)).toBe(true)
  })

  it('ranks related sentences above unrelated ones (upstream sanity pairs)', async () => {
    const pairs: [string, string, string][] = [
      ['Where do I live?', 'I live in Tokyo', 'I like pizza'],
      ['I am so sad today', 'I feel miserable', 'The train leaves at noon'],
      ['I adopted a kitten', 'I got a new cat', 'I bought a new laptop']
    ]
    for (const [anchor, related, unrelated] of pairs) {
      const [va, vr, vu] = await embedder.embed([anchor, related, unrelated])
      expect(cosineSimilarity(va!, vr!)).toBeGreaterThan(cosineSimilarity(va!, vu!) + 0.2)
    }
    const [q, tokyo] = await embedder.embed(['Where do I live?', 'I live in Tokyo'])
    expect(cosineSimilarity(q!, tokyo!)).toBeCloseTo(0.586, 1)
  })

  it('rejects a damaged file with a typed error', () => {
    expect(() => readModel2VecBin(new Uint8Array([1, 2, 3]))).toThrow(AppError)
    const bad = new Uint8Array(16)
    bad.set(new TextEncoder().encode('GGE1'))
    new DataView(bad.buffer).setUint32(4, 1000, true)
    new DataView(bad.buffer).setUint32(8, 64, true)
    expect(() => readModel2VecBin(bad)).toThrow(/damaged/)
  })
})
