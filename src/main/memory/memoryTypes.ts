import type { MemoryKind } from '../../shared/domain'

/** A fact about the user found in one message, before it is reconciled with what is already known. */
export interface FactCandidate {
  kind: Exclude<MemoryKind, 'message' | 'summary'>
  /** Facts with the same subject replace each other ("location"); null for facts that accumulate. */
  subject: string | null
  text: string
  /** 0..1 */
  importance: number
}
