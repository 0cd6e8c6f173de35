/** The contract's chat reading part: message pages, search hits and the mood timeline (see ChatApi in ./chat). */
import type { Emotion, Message, MessageRole } from '../domain'

export interface ChatMessagesInput {
  chatId: string
  /** A page's `olderCursor`: the page of messages just before it. */
  before?: string
  /** A page's `newerCursor`: the page of messages just after it. */
  after?: string
  /** A message id: the page around that message (jumping to a search hit or a memory's source). */
  around?: string
  /** Messages per page, 1-200; 50 if not given. */
  limit?: number
}

/**
 * A page of one chat's messages, in reading order (oldest first). Without a cursor it is the newest page. Cursors are
 * positions, not message ids, so deleting or adding messages between requests leaves no gap and repeats nothing.
 */
export interface MessagePage {
  messages: Message[]
  /** Whether older messages exist; then `olderCursor` pages back to them. */
  hasOlder: boolean
  hasNewer: boolean
  olderCursor: string | null
  newerCursor: string | null
}

export interface ChatSearchInput {
  /** Words to find; typed as the user types them (quotes, operators and brackets are plain text). */
  query: string
  /** Only this character's chats. */
  characterId?: string
  /** At most this many hits, 1-100; 20 if not given. */
  limit?: number
}

/** A snippet's text in pieces; the pieces with `isHit` are the words that matched. */
export interface SnippetPart {
  text: string
  isHit: boolean
}

/** A message that matched a search, newest first. */
export interface ChatSearchHit {
  chatId: string
  chatTitle: string
  messageId: string
  /** The chat's character, or in a group chat the message's speaker (null for the user's messages there). */
  characterId: string | null
  /** In a group chat, the name the reply's speaker had (kept when the member is removed or deleted); else null. */
  speakerName: string | null
  groupId: string | null
  /** The group's name, for a group chat's message. */
  groupName: string | null
  role: MessageRole
  createdAt: string
  snippet: SnippetPart[]
}

export interface ChatMoodsInput {
  chatId: string
  /** Slices to cut the chat into at most, 1-500; 60 if not given. */
  points?: number
}

/** One speaker's mood over one slice of the chat: its messages there that have an emotion reading. */
export interface SpeakerMood {
  /** 'user' for the user's messages, else the character who said them (the chat's character, or a group member). */
  speaker: string
  /** Average EMOTION_VALENCE of the readings: -1 unpleasant to +1 pleasant. */
  valence: number
  /** The most frequent label among the readings (a tie goes to the label first in alphabetical order). */
  emotion: Emotion
  readings: number
}

export interface MoodBucket {
  /** Which of `ChatMoods.bucketCount` equal slices of the chat (by position, oldest first) this is, from 0. */
  index: number
  /** One per speaker with a reading in the slice, ordered by speaker. */
  moods: SpeakerMood[]
}

/** A whole chat's mood without loading it: equal slices of it, each with each speaker's mood there. */
export interface ChatMoods {
  /** Slices the chat is cut into: `points`, or one per message position in a shorter chat. */
  bucketCount: number
  /** The slices that have at least one reading, in chat order. */
  buckets: MoodBucket[]
}
