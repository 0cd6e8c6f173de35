import type { Memory, MemoryKind } from '../../shared/domain'
import type { Speakers } from './queryHints'

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

/** Memories are a character's, about one user: every memory and every search is scoped to both. */
export interface Owner {
  characterId: string
  userId: string
}

export interface IngestInput extends Owner {
  chatId: string | null
  messageId: string
  speaker: string
  text: string
  /** When it was said (ISO); the conversation's own time, not the time of ingestion. */
  at: string
  facts: readonly FactCandidate[]
  /** The turn just before (usually the character's line): stored with this one so "Yes, I did!" keeps its meaning. */
  previous?: { messageId: string; speaker: string; text: string }
}

/** Facts found for a message already ingested (see MemoryService.addFacts). */
export type FactSource = Omit<IngestInput, 'text' | 'speaker'> & { speaker?: string }

export interface RecallInput extends Owner {
  query: string
  now: Date
  tokenBudget: number
  header: string
  countTokens?: (text: string) => number
  /** Candidates taken from each search before fusion. */
  depth?: number
  /** Leaves out memories the prompt already shows (the recent turns themselves). */
  exclude?: (memory: Memory) => boolean
  /** Who is who in the query ("I" is the asker); names raise that speaker's memories. */
  speakers?: Speakers
}

/** What a search for candidates needs: the owner, the query, its time, and optionally its depth and speakers. */
export type CandidatesInput = Owner & Pick<RecallInput, 'query' | 'now' | 'depth' | 'speakers'>

/** What the memory service tells the rest of the app, and asks of it (composed in core.ts). */
export interface MemoryServiceHooks {
  /** After every change to a character's memories, whoever made it (chat hooks, the panel, sharing). */
  onChanged?: (characterId: string) => void
  /** Throws NOT_FOUND for a character that does not exist. */
  requireCharacter?: (characterId: string) => void
  /** Whether a chat message still exists: one deleted while its memory work waited is not remembered. */
  messageExists?: (messageId: string) => boolean
}

/** Which memories the panel lists: current/past facts, session summaries, or everything (turns too). */
export type MemoryBrowseState = 'current' | 'past' | 'summaries' | 'all'

/** The longest memory stored (and the longest query embedded), in characters. */
export const MAX_MEMORY_CHARS = 2000

export function ownerOf(owner: Owner): Owner {
  return { characterId: owner.characterId, userId: owner.userId }
}
