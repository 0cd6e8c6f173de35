/** The contract's chat part: inputs, results and the chat.* methods. */
import type { Chat, EmotionReading, Message } from '../domain'
import type { ErrorInfo } from '../errors'
import type {
  ChatMessagesInput,
  ChatMoods,
  ChatMoodsInput,
  ChatSearchHit,
  ChatSearchInput,
  MessagePage
} from './chatMessages'
import type {
  ChatSendInput,
  ChatSendResult,
  ChatSpeakInput,
  ChatSpeakResult,
  ReplyStreamInput,
  ReplyStreamResult
} from './chatReplies'
import type { CancelResult, DeleteResult, FileInput, StreamIdInput, StreamingResult } from './common'

/** Fine-tuning file formats (chat.exportDataset). */
export const DATASET_FORMATS = ['openai-jsonl', 'sharegpt', 'chatml'] as const
export type DatasetFormat = (typeof DATASET_FORMATS)[number]

export interface DatasetExportInput {
  characterId: string
  chatIds: string[]
  format: DatasetFormat
}

export interface CharacterIdInput {
  characterId: string
}

export interface ChatIdInput {
  chatId: string
}

/** A chat of one character, or (with groupId) of a group; exactly one of the two. */
export interface ChatCreateInput {
  characterId?: string
  groupId?: string
  title?: string
}

/** One character's chats, or (with groupId) a group's; exactly one of the two. */
export interface ChatListInput {
  characterId?: string
  groupId?: string
}

/**
 * Deleting a message also deletes the memories it was the only source of; `keepMemories` keeps them instead,
 * marked as orphaned (Memory.isOrphaned).
 */
export interface DeleteMessageInput {
  messageId: string
  keepMemories?: boolean
}

/** Deleting a chat treats each of its messages as DeleteMessageInput does. */
export interface DeleteChatInput {
  chatId: string
  keepMemories?: boolean
}

export interface MessageIdInput {
  messageId: string
}

export interface MessageSwipeInput {
  messageId: string
  index: number
}

export interface MessageEditInput {
  messageId: string
  content: string
}

/** Exactly one of characterId and groupId. */
export interface ChatImportInput extends FileInput {
  /** The character the chat goes to (the user picks it; the one named in the file is preselected). */
  characterId?: string
  /**
   * Or the group it goes to (a SillyTavern group chat, which has no header line): each reply's speaker is the member
   * of that name; a name no member has keeps its text and name, without a character.
   */
  groupId?: string
}

export type ChatExportFormat = 'st-jsonl' | 'markdown' | 'text'

export interface ChatExportInput {
  chatId: string
  format: ChatExportFormat
}

export interface ChatRenameInput {
  chatId: string
  title: string
}

export interface ChatApi {
  list(input: ChatListInput): Promise<Chat[]>
  create(input: ChatCreateInput): Promise<Chat>
  /** A member of a group chat answers now (manual mode, or a click on its avatar); events as chat.send's. */
  speak(input: ChatSpeakInput): Promise<ChatSpeakResult>
  /** One page of a chat's messages: the newest by default, or before/after a cursor, or around a message. */
  messages(input: ChatMessagesInput): Promise<MessagePage>
  /** Finds words in every chat (or one character's), newest first, with highlighted snippets. */
  search(input: ChatSearchInput): Promise<ChatSearchHit[]>
  /** How each speaker's mood moved over the whole chat, in at most `points` slices, read without loading it. */
  moods(input: ChatMoodsInput): Promise<ChatMoods>
  send(input: ChatSendInput): Promise<ChatSendResult>
  cancel(input: StreamIdInput): Promise<CancelResult>
  /** Whether a reply is still being written: how a view that missed the stream's end event finds out it ended. */
  isStreaming(input: StreamIdInput): Promise<StreamingResult>
  /** A new version of the last reply; the old one stays as a swipe. */
  regenerate(input: ReplyStreamInput): Promise<ReplyStreamResult>
  /** Continues the last reply where it stopped. */
  continue(input: ReplyStreamInput): Promise<ReplyStreamResult>
  swipe(input: MessageSwipeInput): Promise<Message>
  editMessage(input: MessageEditInput): Promise<Message>
  deleteMessage(input: DeleteMessageInput): Promise<DeleteResult>
  rename(input: ChatRenameInput): Promise<Chat>
  delete(input: DeleteChatInput): Promise<DeleteResult>
  /** The chosen chats as a fine-tuning dataset, the persona as system message. */
  exportDataset(input: DatasetExportInput): Promise<FileInput>
  /** A SillyTavern chat (.jsonl) as a new chat of the character, all or nothing; its history then feeds memory. */
  import(input: ChatImportInput): Promise<Chat>
  /** A chat as SillyTavern .jsonl (which SillyTavern opens again), Markdown or plain text. */
  export(input: ChatExportInput): Promise<FileInput>
}

/** Events pushed from main to the renderer by the chat services. */
export interface ChatEvents {
  /**
   * A reply began under `streamId`: every reply, including those main starts itself (a group's auto mode), each
   * with its speaker.
   */
  'chat.replyStarted': { streamId: string; chatId: string; characterId: string }
  'chat.token': { streamId: string; chatId: string; characterId: string; seq: number; text: string }
  'chat.done': { streamId: string; chatId: string; characterId: string; message: Message }
  'chat.error': { streamId: string; chatId: string; characterId: string; error: ErrorInfo; message: Message | null }
  'chat.emotion': { chatId: string; messageId: string; emotion: EmotionReading }
}
