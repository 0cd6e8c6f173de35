/** Long-term memory: one remembered thing. Plain JSON only: dates are ISO strings. */

export const MEMORY_KINDS = ['fact', 'preference', 'event', 'relationship', 'summary', 'message'] as const
export type MemoryKind = (typeof MEMORY_KINDS)[number]

export interface Memory {
  id: string
  characterId: string
  userId: string
  kind: MemoryKind
  text: string
  /** What the fact is about ("location", "job", "favourite food"); a newer fact on the same subject retires the old one. */
  subject: string | null
  /** Whose words or life it is about (a persona or character name); null when unknown. */
  speaker: string | null
  /** 0..1 */
  importance: number
  isPinned: boolean
  /** When the fact became true (message time); ISO. */
  validFrom: string
  /** When a newer fact retired it; null while current. */
  validTo: string | null
  supersededBy: string | null
  sourceMessageIds: string[]
  chatId: string | null
  /** The character this memory was shared from (a copy the user gave this character); null for its own. */
  sharedFrom: string | null
  /** Every message it came from was deleted, and the user chose to keep it. */
  isOrphaned: boolean
  /** Learned in a chat of this group (heard with the other members); null for a one-to-one chat's. */
  groupId: string | null
  createdAt: string
  updatedAt: string
}
