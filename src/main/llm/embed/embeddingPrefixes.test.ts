import { describe, expect, it } from 'vitest'
import { embeddingPrefixesFor, withPrefix } from './embeddingPrefixes'

describe('embeddingPrefixesFor', () => {
  it.each([
    ['nomic-embed-text-v1.5.Q4_K_M.gguf', 'nomic'],
    ['nomic-embed-text-v2-moe.f16.gguf', 'nomic'],
    ['embeddinggemma-300M-Q8_0.gguf', 'gemma'],
    ['Qwen3-Embedding-0.6B-Q8_0.gguf', 'qwen3'],
    ['multilingual-e5-large-instruct-q8_0.gguf', 'e5-instruct'],
    ['e5-small-v2.Q8_0.gguf', 'e5'],
    ['multilingual-e5-base-Q4_K_M.gguf', 'e5'],
    ['snowflake-arctic-embed-l-v2.0-q8_0.gguf', 'arctic-v2'],
    ['snowflake-arctic-embed-m-v1.5.f16.gguf', 'search-passages'],
    ['mxbai-embed-large-v1-f16.gguf', 'search-passages'],
    ['bge-small-en-v1.5-q8_0.gguf', 'search-passages']
  ])('%s takes the %s prefixes', (file, scheme) => {
    expect(embeddingPrefixesFor(null, file)?.scheme).toBe(scheme)
  })

  it.each([
    'bge-m3-Q8_0.gguf',
    'all-MiniLM-L6-v2.Q8_0.gguf',
    'gte-small.Q8_0.gguf',
    'granite-embedding-125m-english.gguf',
    'Llama-3.2-3B-Instruct-Q4_K_M.gguf'
  ])('%s takes none', (file) => {
    expect(embeddingPrefixesFor(null, file)).toBeNull()
  })

  it("prefers the model's own name to the file's, and reads names with spaces", () => {
    expect(embeddingPrefixesFor('Qwen3 Embedding 0.6B', 'model.gguf')?.scheme).toBe('qwen3')
    expect(embeddingPrefixesFor('nomic-embed-text-v1.5', 'bge-small-en.gguf')?.scheme).toBe('nomic')
    expect(embeddingPrefixesFor(undefined, '')).toBeNull()
  })
})

describe('withPrefix', () => {
  it('prefixes by purpose and leaves empty texts empty', () => {
    const nomic = embeddingPrefixesFor('nomic-embed-text-v1.5')
    expect(withPrefix(['Where do I live?', ' '], nomic, 'query')).toEqual(['search_query: Where do I live?', ' '])
    expect(withPrefix(['I live in Tokyo'], nomic, 'document')).toEqual(['search_document: I live in Tokyo'])
    expect(withPrefix(['I live in Tokyo'], embeddingPrefixesFor('bge-base-en-v1.5'), 'document')).toEqual([
      'I live in Tokyo'
    ])
    expect(withPrefix(['x'], null, 'query')).toEqual(['x'])
  })
})
