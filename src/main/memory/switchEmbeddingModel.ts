import type { Embedder } from '../llm/embed/Embedder'
import { loadEmbedder, type EmbedderSources } from '../llm/embed/loadEmbedder'
import type { SettingsService } from '../settings/SettingsService'
import type { MemoryService } from './MemoryService'
import { VectorIndex } from './VectorIndex'

export interface EmbeddingSwitchDeps {
  memory: MemoryService
  sources: EmbedderSources
  settings: SettingsService
  bundled: Embedder
  indexDir: string
  onProgress: (progress: number) => void
}

/**
 * Changes the embedding model (a GGUF file, an ONNX model folder, or null for the bundled one), re-embeds every
 * stored memory, and keeps the choice for the next start.
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
  deps.settings.update({ embeddingModelPath: path })
  return { embedderId: embedder.id, count }
}
