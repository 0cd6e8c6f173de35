/** Who answers next in a group chat. */
export const TALK_MODES = ['natural', 'in-order', 'manual'] as const
/**
 * natural: a member named or addressed in the last message answers first, otherwise a seeded draw weighted by each
 * member's talkativeness; in-order: each member in turn; manual: only the member the user picks (chat.speak).
 */
export type TalkMode = (typeof TALK_MODES)[number]

export const PROMPT_MODES = ['join', 'swap'] as const
/**
 * join: every member's profile stays in the prompt (the same prefix whoever speaks, so the KV cache is reused);
 * swap: only the speaker's profile, in full (SillyTavern's "swap character cards"), and the others by name.
 */
export type PromptMode = (typeof PROMPT_MODES)[number]

/** Replies members may give among themselves after one user message, at most (auto mode). */
export const MAX_AUTO_MODE_REPLIES = 20

export interface Group {
  id: string
  name: string
  /** Shared scene text, in every member's prompt. */
  scenario: string
  /** Members in order (the in-order talk mode follows it); at least two when created or updated. */
  characterIds: string[]
  talkMode: TalkMode
  promptMode: PromptMode
  /** Members keep replying to each other after the user's message, up to `autoModeMaxReplies`. */
  isAutoMode: boolean
  /** 1..MAX_AUTO_MODE_REPLIES. */
  autoModeMaxReplies: number
  /** Muted members (character id -> ISO time the mute ends); a muted member never speaks until then. */
  mutedUntil: Record<string, string>
  /** Fields of an imported group we do not model (SillyTavern's group JSON), given back on export. */
  metadata: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

/** The talkativeness a member has when its card sets none (SillyTavern's default). */
export const DEFAULT_TALKATIVENESS = 0.5
