/** Chats and their messages. Plain JSON only: dates are ISO strings. */
import type { EmotionReading } from './emotion'

export interface Chat {
  id: string
  /** The character of a one-to-one chat; null for a group chat. */
  characterId: string | null
  /** The group of a group chat; null for a one-to-one chat. */
  groupId: string | null
  userId: string
  title: string
  /** Messages in the chat now. */
  messageCount: number
  createdAt: string
  updatedAt: string
}

export type MessageRole = 'user' | 'assistant' | 'system'

/** streaming: being written; complete: finished; cancelled: stopped by the user; error: generation failed. */
export type MessageStatus = 'streaming' | 'complete' | 'cancelled' | 'error'

export interface Message {
  id: string
  chatId: string
  role: MessageRole
  content: string
  status: MessageStatus
  /** Alternative replies (regenerations); `content` is swipes[swipeIndex] when swipes exist. */
  swipes: string[]
  swipeIndex: number
  emotion: EmotionReading | null
  /** Ids of the memories that were in the prompt for this reply. */
  memoryIds: string[]
  /** Context placed before this user message in the prompt (memories, lore, tone), repeated verbatim in later prompts. */
  injectedContext: string
  /** Ids of the lorebook entries that fired for this user message (shown under the reply, like memories). */
  loreEntryIds: string[]
  /**
   * Fields from the app a message was imported from that we do not model (SillyTavern: `name`, `extra` with
   * `display_text` and `reasoning`, `swipe_info`, `send_date` as written...), given back on export.
   */
  metadata: Record<string, unknown>
  /** Who said a reply in a group chat (kept after the character is deleted or leaves); null otherwise. */
  characterId: string | null
  /** The speaker's name when it spoke, so the history reads the same without the character. */
  speakerName: string | null
  createdAt: string
  updatedAt: string
}

/** A complete message with no text, context, emotion or versions; callers set the fields they are about. */
export function blankMessage(patch: Partial<Message> = {}): Message {
  return {
    id: '',
    chatId: '',
    role: 'user',
    content: '',
    status: 'complete',
    swipes: [],
    swipeIndex: 0,
    emotion: null,
    memoryIds: [],
    injectedContext: '',
    loreEntryIds: [],
    metadata: {},
    characterId: null,
    speakerName: null,
    createdAt: '',
    updatedAt: '',
    ...patch
  }
}
