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

export type SubjectPlacement =
  { action: 'retire-others'; retireIds: string[] } | { action: 'retire-itself'; since: string; supersededBy: string }

/**
 * Where a fact true since `validFrom` goes among the current facts on its subject, when it may be older than they are
 * (a memory shared from another character keeps its own date): the newer fact is the current one. Newer than all of
 * them, it retires them, as `supersede` does for a fact just told; older than one, it is itself past from the day
 * that one became true.
 */
export function placeOnSubject(validFrom: string, sameSubject: readonly Memory[]): SubjectPlacement {
  const newer = sameSubject.find((m) => m.validFrom > validFrom)
  if (newer) return { action: 'retire-itself', since: newer.validFrom, supersededBy: newer.id }
  return { action: 'retire-others', retireIds: sameSubject.map((m) => m.id) }
}
