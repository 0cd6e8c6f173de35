import type { Memory } from '../../shared/domain'

const RRF_K = 60
const DAY_MS = 86_400_000

export interface RankInput {
  /** Ids from vector similarity, best first. */
  vectorIds: readonly string[]
  /** Ids from BM25 full-text search, best first. */
  textIds: readonly string[]
  memories: ReadonlyMap<string, Memory>
  now: Date
}

/**
 * Reciprocal-rank fusion of the two searches, then the memory's own weight: extracted facts over raw turns,
 * current facts over retired ones, important and recent over trivial and old.
 */
export function rankMemories(input: RankInput): Memory[] {
  const fused = new Map<string, number>()
  const addRanks = (ids: readonly string[]): void => ids.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + 1 / (RRF_K + rank + 1)))
  addRanks(input.vectorIds)
  addRanks(input.textIds)
  const scored: { memory: Memory; score: number }[] = []
  for (const [id, fusion] of fused) {
    const memory = input.memories.get(id)
    if (!memory) continue
    scored.push({ memory, score: fusion * weightOf(memory, input.now) })
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.memory)
}

export function weightOf(memory: Memory, now: Date): number {
  const kindWeight = memory.kind === 'message' ? 1 : memory.kind === 'summary' ? 1.05 : 1.1
  const stateWeight = memory.validTo === null ? 1 : 0.55
  const importanceWeight = 0.85 + 0.3 * memory.importance
  const ageDays = Math.max(0, (now.getTime() - new Date(memory.validFrom).getTime()) / DAY_MS)
  const recencyWeight = 0.9 + 0.1 * Math.exp(-ageDays / 60)
  return kindWeight * stateWeight * importanceWeight * recencyWeight
}
