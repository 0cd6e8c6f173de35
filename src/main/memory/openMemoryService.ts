import type { Db } from '../db/openDatabase'
import type { Embedder } from '../llm/embed/Embedder'
import { MemoryRepository } from '../db/repositories/MemoryRepository'
import { MemoryIndex } from './MemoryIndex'
import { MemoryService } from './MemoryService'
import type { MemoryServiceHooks } from './memoryTypes'
import { VectorIndex } from './VectorIndex'

export interface OpenedMemory {
  memory: MemoryService
  repository: MemoryRepository
  /** The vector index and its embedder (also read by tests and the bench: which model, what a search finds). */
  index: MemoryIndex
  /** Set when the index had to be refilled from SQLite; the app tells the user when it was 'corrupt'. */
  rebuilt: { reason: 'new' | 'corrupt' | 'outdated'; count: number; isInBackground: boolean } | null
}

export interface OpenMemoryOptions extends MemoryServiceHooks {
  /**
   * Refill a new, damaged or stale index in the background instead of before returning. The bundled embedder refills
   * 50k memories in seconds; a GGUF embedding model takes minutes, which must not hold up the app's start. Until the
   * refill ends, recall sees the memories refilled so far; new memories are stored after it (writes are queued).
   */
  refillInBackground?: (refill: () => Promise<number>) => void
  onProgress?: (progress: number) => void
}

/** Opens the memory index beside the database and refills it from SQLite when it is new, damaged or stale. */
export async function openMemoryService(
  db: Db,
  indexDir: string,
  embedder: Embedder,
  options: OpenMemoryOptions = {}
): Promise<OpenedMemory> {
  const repository = new MemoryRepository(db)
  const { index, rebuildReason } = await VectorIndex.open(indexDir, embedder.dimensions, embedder.id)
  const memoryIndex = new MemoryIndex(repository, index, embedder)
  const memory = new MemoryService(repository, memoryIndex, options)
  if (!rebuildReason) {
    const repaired = await memory.repairIndex()
    if (repaired > 0) console.warn(`[memory] ${repaired} memories were out of step with the index (a crash?); fixed.`)
    return { memory, repository, index: memoryIndex, rebuilt: null }
  }
  if (options.refillInBackground) {
    const count = repository.count()
    options.refillInBackground(() => memory.reindexAll(options.onProgress))
    return { memory, repository, index: memoryIndex, rebuilt: { reason: rebuildReason, count, isInBackground: true } }
  }
  const count = await memory.reindexAll(options.onProgress)
  return { memory, repository, index: memoryIndex, rebuilt: { reason: rebuildReason, count, isInBackground: false } }
}
