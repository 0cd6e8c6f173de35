import type { ChatMoods, MessagePage } from '../../../shared/contract'
import type { EmotionReading, Message, MessageRole, MessageStatus } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'
import { readChatMoods } from './readChatMoods'

interface MessageRow {
  id: string
  seq: number
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
  character_id: string | null
  speaker_name: string | null
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
  /** The member who says a reply in a group chat, and its name then (kept if the character is deleted). */
  characterId?: string | null
  speakerName?: string | null
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
  characterId?: string | null
  speakerName?: string | null
}

/** Where a page starts: a cursor from an earlier page, or a message to centre on; none = the newest page. */
export interface PagePosition {
  before?: string
  after?: string
  around?: string
  limit?: number
}

export const DEFAULT_PAGE_SIZE = 50

export class MessageRepository {
  constructor(private readonly db: Db) {}

  list(chatId: string): Message[] {
    const rows = this.db.prepare('SELECT * FROM messages WHERE chat_id = ? ORDER BY seq').all(chatId) as MessageRow[]
    return rows.map(toMessage)
  }

  /**
   * One page, keyset-paged on (chat_id, seq) so any page costs the same in a chat of any length. A cursor is a seq,
   * not a message id: the message a client paged from may be deleted before it asks for the next page.
   */
  page(chatId: string, position: PagePosition = {}): MessagePage {
    const limit = position.limit ?? DEFAULT_PAGE_SIZE
    if (position.around !== undefined) return this.pageAround(chatId, position.around, limit)
    if (position.after !== undefined) {
      const after = parseCursor(position.after)
      const rows = this.newerFrom(chatId, after + 1, limit + 1)
      const hasOlder = this.exists(chatId, 'seq <= ?', after)
      return toPage(rows.slice(0, limit), hasOlder, rows.length > limit, position.after)
    }
    const before = position.before === undefined ? Number.MAX_SAFE_INTEGER : parseCursor(position.before)
    const rows = this.olderThan(chatId, before, limit + 1)
    const hasNewer = position.before !== undefined && this.exists(chatId, 'seq >= ?', before)
    return toPage(rows.slice(0, limit).reverse(), rows.length > limit, hasNewer, position.before ?? null)
  }

  /** The newest `count` messages, oldest first: what a prompt can hold, without reading the whole chat. */
  recent(chatId: string, count: number): Message[] {
    return this.olderThan(chatId, Number.MAX_SAFE_INTEGER, count).reverse().map(toMessage)
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
    return (this.db.prepare('SELECT COUNT(*) AS n FROM messages WHERE chat_id = ?').get(chatId) as { n: number }).n
  }

  private pageAround(chatId: string, messageId: string, limit: number): MessagePage {
    const target = this.db.prepare('SELECT seq FROM messages WHERE id = ? AND chat_id = ?').get(messageId, chatId) as
      { seq: number } | undefined
    if (!target) throw new AppError('NOT_FOUND', 'That message is not in this chat (it may have been deleted).')
    const olderCount = Math.floor((limit - 1) / 2)
    const older = this.olderThan(chatId, target.seq, olderCount + 1)
    const newer = this.newerFrom(chatId, target.seq, limit - olderCount + 1)
    return toPage(
      [...older.slice(0, olderCount).reverse(), ...newer.slice(0, limit - olderCount)],
      older.length > olderCount,
      newer.length > limit - olderCount,
      null
    )
  }

  private olderThan(chatId: string, seq: number, count: number): MessageRow[] {
    return this.db
      .prepare('SELECT * FROM messages WHERE chat_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(chatId, seq, count) as MessageRow[]
  }

  private newerFrom(chatId: string, seq: number, count: number): MessageRow[] {
    return this.db
      .prepare('SELECT * FROM messages WHERE chat_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
      .all(chatId, seq, count) as MessageRow[]
  }

  private exists(chatId: string, condition: 'seq <= ?' | 'seq >= ?', seq: number): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM messages WHERE chat_id = ? AND ${condition} LIMIT 1`).get(chatId, seq) !==
      undefined
    )
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
          `INSERT INTO messages (id, chat_id, seq, role, content, status, injected_context, memory_ids, character_id,
             speaker_name, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
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
          message.characterId ?? null,
          message.speakerName ?? null,
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
        `INSERT INTO messages (id, chat_id, seq, role, content, status, swipes, swipe_index, metadata, character_id,
           speaker_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?)`
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
        message.characterId ?? null,
        message.speakerName ?? null,
        message.createdAt,
        message.createdAt
      )
  }

  setLoreEntries(id: string, loreEntryIds: string[]): void {
    this.db.prepare('UPDATE messages SET lore_entry_ids = ? WHERE id = ?').run(JSON.stringify(loreEntryIds), id)
  }

  /** Many messages in one transaction (imports, benchmarks), stored as `insert` stores each. */
  insertMany(chatId: string, list: readonly Omit<NewMessage, 'chatId'>[]): void {
    const insert = this.db.prepare(
      `INSERT INTO messages (id, chat_id, seq, role, content, status, injected_context, memory_ids, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    this.db.transaction(() => {
      const { next } = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM messages WHERE chat_id = ?')
        .get(chatId) as { next: number }
      list.forEach((message, i) => {
        const createdAt = message.createdAt ?? nowIso()
        insert.run(
          newId(),
          chatId,
          next + i,
          message.role,
          message.content,
          message.status,
          message.injectedContext ?? '',
          JSON.stringify(message.memoryIds ?? []),
          createdAt,
          createdAt
        )
      })
      this.db.prepare('UPDATE chats SET updated_at = ? WHERE id = ?').run(nowIso(), chatId)
    })()
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

const CURSOR = /^seq:(\d{1,15})$/

function parseCursor(cursor: string): number {
  const match = CURSOR.exec(cursor)
  if (!match) throw new AppError('INVALID_INPUT', 'That page cursor is not one this app gave out.')
  return Number(match[1])
}

/** `emptyCursor` keeps an empty page's position, so asking again later finds what arrived meanwhile. */
function toPage(rows: MessageRow[], hasOlder: boolean, hasNewer: boolean, emptyCursor: string | null): MessagePage {
  const first = rows[0]
  const last = rows[rows.length - 1]
  return {
    messages: rows.map(toMessage),
    hasOlder,
    hasNewer,
    olderCursor: first ? `seq:${first.seq}` : hasOlder ? emptyCursor : null,
    newerCursor: last ? `seq:${last.seq}` : emptyCursor
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
    characterId: row.character_id,
    speakerName: row.speaker_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
