import type { Embedder } from '../llm/embed/Embedder'
import { loadEmbedder, type EmbedderSources } from '../llm/embed/loadEmbedder'
import type { MemoryService } from './MemoryService'
import { VectorIndex } from './VectorIndex'

export interface EmbeddingSwitchDeps {
  memory: MemoryService
  sources: EmbedderSources
  bundled: Embedder
  indexDir: string
  onProgress: (progress: number) => void
}

/**
 * Changes the embedding model (a GGUF file, an ONNX model folder, or null for the bundled one) and re-embeds every
 * stored memory.
 */
export async function switchEmbeddingModel(
  deps: EmbeddingSwitchDeps,
  path: string | null
): Promise<{ embedderId: string; count: number }> {
  const embedder = path ? await loadEmbedder(path, deps.sources) : deps.bundled
  const count = await deps.memory.swapEmbedder(
    embedder,
    async (e) => (await VectorIndex.open(deps.indexDir, e.dimensions, e.id, true)).index,
    deps.onProgress
  )
  return { embedderId: embedder.id, count }
}
