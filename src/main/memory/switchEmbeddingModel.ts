import type { Embedder } from '../llm/embed/Embedder'
import { loadEmbedder, type EmbedderSources } from '../llm/embed/loadEmbedder'
import type { SettingsService } from '../settings/SettingsService'
import { SerialQueue } from '../util/SerialQueue'
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

type SwitchResult = Awaited<ReturnType<typeof switchEmbeddingModel>>
const SKIPPED = Symbol('skipped')

/**
 * Embedding model switches one at a time, in the order asked. Without this a slow GGUF load asked for first could
 * finish after a quick switch asked for later, leaving the user's earlier choice in place. A switch that a newer
 * one overtook before it began is skipped and answers with the newer one's result.
 */
export class EmbeddingModelSwitcher {
  private readonly queue = new SerialQueue()
  private requested = 0
  private newest: Promise<SwitchResult | typeof SKIPPED> | null = null

  constructor(private readonly deps: () => EmbeddingSwitchDeps) {}

  async switch(path: string | null): Promise<SwitchResult> {
    const ticket = ++this.requested
    const job = this.queue.run(async () =>
      ticket === this.requested ? switchEmbeddingModel(this.deps(), path) : SKIPPED
    )
    this.newest = job
    const result = await job
    return result === SKIPPED ? this.newestResult() : result
  }

  private async newestResult(): Promise<SwitchResult> {
    for (;;) {
      const newest = this.newest!
      const result = await newest
      if (result !== SKIPPED && newest === this.newest) return result
    }
  }
}
