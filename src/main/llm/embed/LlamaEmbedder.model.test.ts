import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { storiesModel } from '../../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { cosineSimilarity } from './Embedder'
import { LlamaEmbedder } from './LlamaEmbedder'

describe('LlamaEmbedder', () => {
  const tempDir = useTempDir()
  let llama: Llama
  let plain: LlamaEmbedder
  let nomic: LlamaEmbedder
  beforeAll(async () => {
    llama = await getLlama({ build: 'never', maxThreads: 1, logLevel: LlamaLogLevel.error })
    plain = await LlamaEmbedder.load(llama, storiesModel, 1)
    // The same weights under a nomic-embed file name: the embedder must add nomic's prefixes.
    const renamed = join(tempDir(), 'nomic-embed-text-v1.5.Q8_0.gguf')
    await copyFile(storiesModel, renamed)
    nomic = await LlamaEmbedder.load(llama, renamed, 1)
  })
  afterAll(async () => {
    await plain?.dispose()
    await nomic?.dispose()
  })

  it("embeds questions and passages with the model family's prefixes, and names the scheme in its id", async () => {
    expect(plain.id).toMatch(/^gguf:stories260K\.gguf:\d+$/)
    expect(nomic.id).toMatch(/^gguf:nomic-embed-text-v1\.5\.Q8_0\.gguf:\d+:nomic$/)
    const [query, empty] = await nomic.embed(['Where do I live?', ''], 'query')
    const [passage] = await nomic.embed(['Where do I live?'])
    const [prefixedQuery, prefixedPassage] = await plain.embed([
      'search_query: Where do I live?',
      'search_document: Where do I live?'
    ])
    expect(cosineSimilarity(query!, prefixedQuery!)).toBeGreaterThan(0.9999)
    expect(cosineSimilarity(passage!, prefixedPassage!)).toBeGreaterThan(0.9999)
    expect(cosineSimilarity(query!, passage!)).toBeLessThan(0.9999)
    expect([...empty!].every((v) => v === 0)).toBe(true)
  })

  it('embeds a text longer than its context from its start instead of failing', async () => {
    const long = 'The lighthouse keeper counted the waves every night. '.repeat(400)
    const [vector] = await plain.embed([long])
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5)
    // What lies past the context does not count: another ending leaves the vector as it was.
    const [otherEnding] = await plain.embed([`${long}${'A storm broke the lamp. '.repeat(100)}`])
    expect(cosineSimilarity(vector!, otherEnding!)).toBeGreaterThan(0.9999)
  })
})
