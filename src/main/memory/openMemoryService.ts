import type { Db } from '../db/openDatabase'
import type { Embedder } from '../llm/embed/Embedder'
import { MemoryRepository } from './MemoryRepository'
import { MemoryService } from './MemoryService'
import { VectorIndex } from './VectorIndex'

export interface OpenedMemory {
  memory: MemoryService
  repository: MemoryRepository
  /** Set when the index had to be refilled from SQLite; the app tells the user when it was 'corrupt'. */
  rebuilt: { reason: 'new' | 'corrupt' | 'outdated'; count: number } | null
}

/** Opens the memory index beside the database and refills it from SQLite when it is new, damaged or stale. */
export async function openMemoryService(db: Db, indexDir: string, embedder: Embedder): Promise<OpenedMemory> {
  const repository = new MemoryRepository(db)
  const { index, rebuildReason } = await VectorIndex.open(indexDir, embedder.dimensions, embedder.id)
  const memory = new MemoryService(repository, index, embedder)
  if (!rebuildReason) return { memory, repository, rebuilt: null }
  const count = await memory.reindexAll()
  return { memory, repository, rebuilt: { reason: rebuildReason, count } }
}
