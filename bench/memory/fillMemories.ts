import type { MemoryRepository, NewMemory } from '../../src/main/db/repositories/MemoryRepository'
import type { MemoryService } from '../../src/main/memory/MemoryService'

/**
 * Synthetic memories for a bench: rows written straight to SQLite (one transaction a batch), then indexed by the
 * app's own repair, the path that indexes what a crash left unindexed (MemoryService.repairIndex).
 */
export async function fillMemories(
  memory: MemoryService,
  repository: MemoryRepository,
  rows: readonly NewMemory[]
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) repository.insertMany(rows.slice(i, i + 5000))
  await memory.repairIndex()
}
