import type { Memory } from '../../shared/domain'
import { REPLACEMENT_NOTE, type FactCandidate } from './memoryTypes'

export type ReconcilePlan =
  { action: 'add' } | { action: 'reinforce'; id: string } | { action: 'supersede'; retireIds: string[] }

/** Above this cosine two facts without a subject say the same thing. */
export const DUPLICATE_SIMILARITY = 0.92

export function normalizeFact(text: string): string {
  return text
    .toLowerCase()
    .replaceAll(REPLACEMENT_NOTE, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * What to do with a new fact, as Zep/Graphiti do it: the same fact again is reinforced; a different fact on the same
 * subject retires the current one (kept as history, linked to its successor) instead of piling up or being deleted.
 */
export function planReconcile(
  candidate: FactCandidate,
  sameSubject: readonly Memory[],
  similar: readonly { memory: Memory; similarity: number }[]
): ReconcilePlan {
  const key = normalizeFact(candidate.text)
  const repeat = [...sameSubject, ...similar.map((s) => s.memory)].find((m) => normalizeFact(m.text) === key)
  if (repeat) return { action: 'reinforce', id: repeat.id }
  if (candidate.subject && sameSubject.length > 0)
    return { action: 'supersede', retireIds: sameSubject.map((m) => m.id) }
  const duplicate = similar.find(
    (s) => s.similarity >= DUPLICATE_SIMILARITY && s.memory.kind !== 'message' && s.memory.validTo === null
  )
  if (duplicate) return { action: 'reinforce', id: duplicate.memory.id }
  return { action: 'add' }
}
