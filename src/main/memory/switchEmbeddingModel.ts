import type { Embedder } from '../llm/embed/Embedder'
import { LlamaEmbedder } from '../llm/embed/LlamaEmbedder'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { MemoryService } from './MemoryService'
import { VectorIndex } from './VectorIndex'

export interface EmbeddingSwitchDeps {
  memory: MemoryService
  runtime: LlmRuntime
  bundled: Embedder
  indexDir: string
  threads: number
  onProgress: (progress: number) => void
}

/** Changes the embedding model (a GGUF path, or null for the bundled one) and re-embeds every stored memory. */
export async function switchEmbeddingModel(
  deps: EmbeddingSwitchDeps,
  path: string | null
): Promise<{ embedderId: string; count: number }> {
  const embedder = path ? await LlamaEmbedder.load(await deps.runtime.getLlama(), path, deps.threads) : deps.bundled
  const count = await deps.memory.swapEmbedder(
    embedder,
    async (e) => (await VectorIndex.open(deps.indexDir, e.dimensions, e.id, true)).index,
    deps.onProgress
  )
  return { embedderId: embedder.id, count }
}
