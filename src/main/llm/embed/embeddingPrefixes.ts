/** What a text is embedded as: retrieval models trained asymmetrically embed a question unlike a passage. */
export type EmbedPurpose = 'query' | 'document'

export interface EmbeddingPrefixes {
  /** A short name for the scheme, part of the embedder's id (a new scheme re-embeds stored memories). */
  scheme: string
  query: string
  document: string
}

const SEARCH_PASSAGES = 'Represent this sentence for searching relevant passages: '
const WEB_SEARCH_INSTRUCT =
  'Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:'

/**
 * The prefixes each family's model card prescribes, matched on the model's name (GGUF `general.name`, then the file
 * name), most specific first. Without them these models retrieve markedly worse: they were trained to compare a
 * prefixed question with a prefixed passage. Families not listed (MiniLM, gte, bge-m3, granite) take no prefix.
 */
const FAMILIES: readonly [RegExp, EmbeddingPrefixes][] = [
  [/nomic-embed-text/, { scheme: 'nomic', query: 'search_query: ', document: 'search_document: ' }],
  [/embedding-?gemma/, { scheme: 'gemma', query: 'task: search result | query: ', document: 'title: none | text: ' }],
  [/qwen3-embedding/, { scheme: 'qwen3', query: WEB_SEARCH_INSTRUCT, document: '' }],
  [/e5-[a-z0-9-]*instruct/, { scheme: 'e5-instruct', query: `${WEB_SEARCH_INSTRUCT} `, document: '' }],
  [/(^|[^a-z])e5-/, { scheme: 'e5', query: 'query: ', document: 'passage: ' }],
  [/arctic-embed-[a-z]+-v2/, { scheme: 'arctic-v2', query: 'query: ', document: '' }],
  [
    /arctic-embed|mxbai-embed-large|bge-(small|base|large)-(en|zh)/,
    { scheme: 'search-passages', query: SEARCH_PASSAGES, document: '' }
  ]
]

/** The prefixes for a model, from its names (any may be null); null when the model takes none. */
export function embeddingPrefixesFor(...names: readonly (string | null | undefined)[]): EmbeddingPrefixes | null {
  for (const name of names) {
    const lower = name?.toLowerCase().replace(/[_\s]+/g, '-')
    if (!lower) continue
    for (const [pattern, prefixes] of FAMILIES) if (pattern.test(lower)) return prefixes
  }
  return null
}

export function withPrefix(
  texts: readonly string[],
  prefixes: EmbeddingPrefixes | null,
  purpose: EmbedPurpose
): string[] {
  const prefix = prefixes?.[purpose] ?? ''
  return prefix ? texts.map((text) => (text.trim() ? prefix + text : text)) : [...texts]
}
