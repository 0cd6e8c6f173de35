import { join } from 'node:path'
import type { AppConfig } from '../config'
import type { Embedder } from '../llm/embed/Embedder'
import { loadEmbedder, type EmbedderSources } from '../llm/embed/loadEmbedder'
import { Model2VecEmbedder } from '../llm/embed/Model2VecEmbedder'
import type { LlmRuntime } from '../llm/LlmRuntime'
import { openMemoryService, type OpenedMemory } from '../memory/openMemoryService'
import { EmbeddingModelSwitcher } from '../memory/switchEmbeddingModel'
import type { OnnxRuntime } from '../onnx/OnnxRuntime'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import type { EventBus } from '../util/EventBus'
import type { Core } from './Core'
import type { Stores } from './openStores'

/** The user's embedding model (GGUF or ONNX), if one is set and still loads; otherwise the bundled one and a notice. */
async function loadChosenEmbedder(
  path: string | null,
  sources: EmbedderSources
): Promise<{ embedder: Embedder | null; notice: string | null }> {
  if (!path) return { embedder: null, notice: null }
  try {
    return { embedder: await loadEmbedder(path, sources), notice: null }
  } catch (error) {
    console.warn('[memory] the chosen embedding model could not be loaded; using the bundled one', error)
    return {
      embedder: null,
      notice: `The embedding model ${path} could not be loaded, so memory uses the bundled one for now.`
    }
  }
}

/** What the user is told at start about the memory index, if anything. */
function startNotice(rebuilt: OpenedMemory['rebuilt'], embedderNotice: string | null): string | null {
  if (rebuilt?.isInBackground && rebuilt.count > 0) {
    const why = rebuilt.reason === 'corrupt' ? 'The memory index was damaged, so your' : 'Your'
    return `${why} ${rebuilt.count} memories are being re-embedded in the background; until that ends, recall finds only part of them. Nothing is lost.`
  }
  if (rebuilt?.reason === 'corrupt')
    return `The memory index was damaged, so it was rebuilt from your saved memories (${rebuilt.count}). Nothing was lost.`
  return embedderNotice
}

export interface MemoryWiring {
  opened: OpenedMemory
  /** What the user is told at start about the memory index or the embedding model, if anything. */
  notice: string | null
  switchEmbeddingModel: Core['switchEmbeddingModel']
}

/**
 * Long-term memory: the bundled embedder, or the user's chosen one if it still loads; the index beside the database
 * (refilled when new, damaged or stale); its events; and embedding model switches, one at a time.
 */
export async function wireMemory(
  config: AppConfig,
  deps: { stores: Stores; runtime: LlmRuntime; onnx: OnnxRuntime; events: EventBus; background: BackgroundTasks }
): Promise<MemoryWiring> {
  const { stores, runtime, events, background } = deps
  const { settings, characters, messages } = stores
  const embedderSources: EmbedderSources = {
    getLlama: () => runtime.getLlama(),
    onnx: deps.onnx,
    threads: config.threads,
    onnxDtype: settings.get().onnxDtype
  }
  const embedder = await Model2VecEmbedder.load(join(config.resourcesDir, 'embeddings', 'potion-base-2M'))
  const chosen = await loadChosenEmbedder(settings.get().embeddingModelPath, embedderSources)
  const onReindexProgress = (progress: number): void => events.emit('memory.reindexProgress', { progress })
  const indexDir = join(config.dataDir, 'memory-index')
  const opened = await openMemoryService(stores.db, indexDir, chosen.embedder ?? embedder, {
    // A GGUF embedding model re-embeds for minutes (after an upgrade that changes how it embeds, or a damaged index).
    refillInBackground: chosen.embedder ? (refill) => background.run('memory refill', refill) : undefined,
    onProgress: onReindexProgress,
    onChanged: (characterId) => events.emit('memory.changed', { characterId }),
    requireCharacter: (id) => void characters.get(id),
    messageExists: (id) => messages.find(id) !== null
  })
  const embeddingSwitcher = new EmbeddingModelSwitcher(() => ({
    memory: opened.memory,
    sources: { ...embedderSources, onnxDtype: settings.get().onnxDtype },
    settings,
    bundled: embedder,
    indexDir,
    onProgress: onReindexProgress
  }))
  return {
    opened,
    notice: startNotice(opened.rebuilt, chosen.notice),
    switchEmbeddingModel: (path) => embeddingSwitcher.switch(path)
  }
}
