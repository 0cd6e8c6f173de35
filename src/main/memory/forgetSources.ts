import type { MemoryRepository } from '../db/repositories/MemoryRepository'

export interface ForgottenSources {
  /** Memories deleted (their index rows are to go too). */
  deleted: string[]
  orphaned: number
  /** Whose memories changed. */
  characterIds: string[]
}

/**
 * The SQLite side of deleting chat messages: the memories they were the only source of go too, or with `keep` stay,
 * marked as orphaned; a memory other messages also taught keeps those.
 */
export function forgetSources(
  repository: MemoryRepository,
  messageIds: readonly string[],
  keep: boolean
): ForgottenSources {
  const gone = new Set(messageIds)
  const deleted: string[] = []
  let orphaned = 0
  const touched = repository.bySourceMessages(messageIds)
  for (const memory of touched) {
    const remaining = memory.sourceMessageIds.filter((id) => !gone.has(id))
    if (remaining.length > 0) repository.setSources(memory.id, remaining)
    else if (keep) {
      repository.markOrphaned(memory.id)
      orphaned++
    } else {
      repository.delete(memory.id)
      deleted.push(memory.id)
    }
  }
  return { deleted, orphaned, characterIds: touched.map((m) => m.characterId) }
}
