import type { EmbedPurpose } from './embeddingPrefixes'

/** A text embedder. Two implementations: the bundled Model2Vec model and a user-loaded GGUF embedding model. */
export interface Embedder {
  /** Stable id stored with every vector, so a model change can be detected and re-embedded. */
  readonly id: string
  readonly dimensions: number
  /** Unit vectors; `purpose` (default 'document') matters to models that embed a question unlike a passage. */
  embed(texts: readonly string[], purpose?: EmbedPurpose): Promise<Float32Array[]>
  dispose(): Promise<void>
}

export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let normA = 0
  let normB = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    dot += x * y
    normA += x * x
    normB += y * y
  }
  if (normA === 0 || normB === 0) return 0
  return dot / Math.sqrt(normA * normB)
}
