import type { ChatMoods, MessagePage } from '../../../shared/contract'
import type { EmotionReading, Message, MessageStatus } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'
import {
  insertImportedMessage,
  insertMessage,
  insertMessages,
  type ImportedMessage,
  type NewMessage
} from './insertMessages'
import { toMessage, type MessageRow } from './messageRows'
import { readChatMoods } from './readChatMoods'
import { readMessagePage, readRecentMessages, type PagePosition } from './readMessagePage'

/**
 * The messages table. Paging (readMessagePage), inserting (insertMessages), mood sampling (readChatMoods) and
 * full-text search (MessageSearch) live in their own files; this class is the one door the services use.
 */
export class MessageRepository {
  constructor(private readonly db: Db) {}

  list(chatId: string): Message[] {
    const rows = this.db.prepare('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq').all(chatId) as MessageRow[]
    return rows.map(toMessage)
  }

  /** One page: the newest by default, or before/after a cursor, or around a message (see readMessagePage). */
  page(chatId: string, position: PagePosition = {}): MessagePage {
    return readMessagePage(this.db, chatId, position)
  }

  /** The newest `count` messages, oldest first: what a prompt can hold, without reading the whole chat. */
  recent(chatId: string, count: number): Message[] {
    return readRecentMessages(this.db, chatId, count)
  }

  /** From this message to the newest, oldest first. */
  since(chatId: string, messageId: string): Message[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM messages WHERE chat_id = ? AND seq >= (SELECT seq FROM messages WHERE id = ? AND chat_id = ?) ORDER BY seq'
      )
      .all(chatId, messageId, chatId) as MessageRow[]
    return rows.map(toMessage)
  }

  /** Up to `count` messages just before this one, oldest first. */
  before(messageId: string, count: number): Message[] {
    const rows = this.db
      .prepare(
        `SELECT m.* FROM messages m JOIN messages t ON t.id = ? AND m.chat_id = t.chat_id AND m.seq < t.seq
         ORDER BY m.seq DESC LIMIT ?`
      )
      .all(messageId, count) as MessageRow[]
    return rows.reverse().map(toMessage)
  }

  /** Every message id of a chat (what its deletion takes with it), without reading the texts. */
  idsOf(chatId: string): string[] {
    return (this.db.prepare('SELECT id FROM messages WHERE chat_id = ?').all(chatId) as { id: string }[]).map(
      (row) => row.id
    )
  }

  /** Each speaker's mood over the chat in at most `points` slices, aggregated in SQL (see readChatMoods). */
  moods(chatId: string, points: number): ChatMoods {
    return readChatMoods(this.db, chatId, points)
  }

  count(chatId: string): number {
    const row = this.db.prepare('SELECT message_count AS n FROM chats WHERE id = ?').get(chatId) as
      { n: number } | undefined
    return row?.n ?? 0
  }

  get(id: string): Message {
    const message = this.find(id)
    if (!message) throw new AppError('NOT_FOUND', 'That message does not exist (it may have been deleted).')
    return message
  }

  /** The message, or null when there is none (a reply whose message was deleted while it streamed). */
  find(id: string): Message | null {
    const row = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined
    return row ? toMessage(row) : null
  }

  insert(message: NewMessage): Message {
    return this.get(insertMessage(this.db, message))
  }

  /** A message from another app's chat at its own position; the caller holds the transaction. */
  insertImported(message: ImportedMessage): void {
    insertImportedMessage(this.db, message)
  }

  setLoreEntries(id: string, loreEntryIds: string[]): void {
    this.db.prepare('UPDATE messages SET lore_entry_ids = ? WHERE id = ?').run(JSON.stringify(loreEntryIds), id)
  }

  /** Many messages in one transaction (imports, benchmarks), stored as `insert` stores each. */
  insertMany(chatId: string, list: readonly Omit<NewMessage, 'chatId'>[]): void {
    insertMessages(this.db, chatId, list)
  }

  /** Called while streaming and at the end; each call is its own committed write, so a crash keeps the partial reply. */
  updateContent(id: string, content: string, status: MessageStatus): void {
    this.db
      .prepare('UPDATE messages SET content = ?, status = ?, updated_at = ? WHERE id = ?')
      .run(content, status, nowIso(), id)
  }

  /** Replies left 'streaming' by a crash are marked as stopped on the next start; their text stays. */
  markInterrupted(): number {
    return this.db.prepare("UPDATE messages SET status = 'cancelled' WHERE status = 'streaming'").run().changes
  }

  setEmotion(id: string, emotion: EmotionReading): void {
    this.db.prepare('UPDATE messages SET emotion = ? WHERE id = ?').run(JSON.stringify(emotion), id)
  }

  setContext(id: string, injectedContext: string, memoryIds: string[]): void {
    this.db
      .prepare('UPDATE messages SET injected_context = ?, memory_ids = ? WHERE id = ?')
      .run(injectedContext, JSON.stringify(memoryIds), id)
  }

  setSwipes(id: string, swipes: string[], swipeIndex: number): void {
    const content = swipes[swipeIndex] ?? ''
    this.db
      .prepare('UPDATE messages SET swipes = ?, swipe_index = ?, content = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(swipes), swipeIndex, content, nowIso(), id)
  }

  delete(id: string): void {
    const result = this.db.prepare('DELETE FROM messages WHERE id = ?').run(id)
    if (result.changes === 0) throw new AppError('NOT_FOUND', 'That message does not exist (it may have been deleted).')
  }
}
