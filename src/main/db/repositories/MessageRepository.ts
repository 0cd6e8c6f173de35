import type { EmotionReading, Message, MessageRole, MessageStatus } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'

interface MessageRow {
  id: string
  chat_id: string
  role: MessageRole
  content: string
  status: MessageStatus
  swipes: string
  swipe_index: number
  emotion: string | null
  memory_ids: string
  injected_context: string
  lore_entry_ids: string
  metadata: string
  created_at: string
  updated_at: string
}

export interface NewMessage {
  chatId: string
  role: MessageRole
  content: string
  status: MessageStatus
  injectedContext?: string
  memoryIds?: string[]
  /** Defaults to now; imports and benchmarks pass the original time. */
  createdAt?: string
}

export interface ImportedMessage {
  chatId: string
  seq: number
  role: MessageRole
  content: string
  swipes: string[]
  swipeIndex: number
  metadata: Record<string, unknown>
  createdAt: string
}

export class MessageRepository {
  constructor(private readonly db: Db) {}

  list(chatId: string): Message[] {
    const rows = this.db.prepare('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq').all(chatId) as MessageRow[]
    return rows.map(toMessage)
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
    const id = newId()
    const createdAt = message.createdAt ?? nowIso()
    this.db.transaction(() => {
      const { next } = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM messages WHERE chat_id = ?')
        .get(message.chatId) as {
        next: number
      }
      this.db
        .prepare(
          `INSERT INTO messages (id, chat_id, seq, role, content, status, injected_context, memory_ids, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          id,
          message.chatId,
          next,
          message.role,
          message.content,
          message.status,
          message.injectedContext ?? '',
          JSON.stringify(message.memoryIds ?? []),
          createdAt,
          createdAt
        )
      this.db.prepare('UPDATE chats SET updated_at = ? WHERE id = ?').run(nowIso(), message.chatId)
    })()
    return this.get(id)
  }

  /**
   * A message from another app's chat, with its swipes and foreign fields, at the given position. The caller holds
   * the transaction (a chat import is all or nothing).
   */
  insertImported(message: ImportedMessage): void {
    this.db
      .prepare(
        `INSERT INTO messages (id, chat_id, seq, role, content, status, swipes, swipe_index, metadata, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?)`
      )
      .run(
        newId(),
        message.chatId,
        message.seq,
        message.role,
        message.content,
        JSON.stringify(message.swipes),
        message.swipeIndex,
        JSON.stringify(message.metadata),
        message.createdAt,
        message.createdAt
      )
  }

  setLoreEntries(id: string, loreEntryIds: string[]): void {
    this.db.prepare('UPDATE messages SET lore_entry_ids = ? WHERE id = ?').run(JSON.stringify(loreEntryIds), id)
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

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    chatId: row.chat_id,
    role: row.role,
    content: row.content,
    status: row.status,
    swipes: JSON.parse(row.swipes) as string[],
    swipeIndex: row.swipe_index,
    emotion: row.emotion ? (JSON.parse(row.emotion) as EmotionReading) : null,
    memoryIds: JSON.parse(row.memory_ids) as string[],
    injectedContext: row.injected_context,
    loreEntryIds: JSON.parse(row.lore_entry_ids) as string[],
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
