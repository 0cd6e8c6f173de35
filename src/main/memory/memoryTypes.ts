import type { MemoryKind } from '../../shared/domain'

/**
 * A note extractFacts puts after a fact that replaced an earlier one ("Alex lives in Osaka (moved there)"), so the
 * model reads it as news; planReconcile leaves it out when it compares facts, so the same fact told again without
 * it is a repeat, not a new fact.
 */
export const REPLACEMENT_NOTE = '(moved there)'

/** A fact about the user found in one message, before it is reconciled with what is already known. */
export interface FactCandidate {
  kind: Exclude<MemoryKind, 'message' | 'summary'>
  /** Facts with the same subject replace each other ("location"); null for facts that accumulate. */
  subject: string | null
  text: string
  /** 0..1 */
  importance: number
}
