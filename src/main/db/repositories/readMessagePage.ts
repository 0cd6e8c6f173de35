import type { MessagePage } from '../../../shared/contract'
import type { Message } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { Db } from '../openDatabase'
import { toMessage, type MessageRow } from './messageRows'

/** Where a page starts: a cursor from an earlier page, or a message to centre on; none = the newest page. */
export interface PagePosition {
  before?: string
  after?: string
  around?: string
  limit?: number
}

const DEFAULT_PAGE_SIZE = 50

/**
 * One page, keyset-paged on (chat_id, seq) so any page costs the same in a chat of any length. A cursor is a seq,
 * not a message id: the message a client paged from may be deleted before it asks for the next page.
 */
export function readMessagePage(db: Db, chatId: string, position: PagePosition = {}): MessagePage {
  const limit = position.limit ?? DEFAULT_PAGE_SIZE
  if (position.around !== undefined) return pageAround(db, chatId, position.around, limit)
  if (position.after !== undefined) {
    const after = parseCursor(position.after)
    const rows = newerFrom(db, chatId, after + 1, limit + 1)
    const hasOlder = exists(db, chatId, 'seq <= ?', after)
    return toPage(rows.slice(0, limit), hasOlder, rows.length > limit, position.after)
  }
  const before = position.before === undefined ? Number.MAX_SAFE_INTEGER : parseCursor(position.before)
  const rows = olderThan(db, chatId, before, limit + 1)
  const hasNewer = position.before !== undefined && exists(db, chatId, 'seq >= ?', before)
  return toPage(rows.slice(0, limit).reverse(), rows.length > limit, hasNewer, position.before ?? null)
}

/** The newest `count` messages, oldest first: what a prompt can hold, without reading the whole chat. */
export function readRecentMessages(db: Db, chatId: string, count: number): Message[] {
  return olderThan(db, chatId, Number.MAX_SAFE_INTEGER, count).reverse().map(toMessage)
}

function pageAround(db: Db, chatId: string, messageId: string, limit: number): MessagePage {
  const target = db.prepare('SELECT seq FROM messages WHERE id = ? AND chat_id = ?').get(messageId, chatId) as
    { seq: number } | undefined
  if (!target) throw new AppError('NOT_FOUND', 'That message is not in this chat (it may have been deleted).')
  const olderCount = Math.floor((limit - 1) / 2)
  const older = olderThan(db, chatId, target.seq, olderCount + 1)
  const newer = newerFrom(db, chatId, target.seq, limit - olderCount + 1)
  return toPage(
    [...older.slice(0, olderCount).reverse(), ...newer.slice(0, limit - olderCount)],
    older.length > olderCount,
    newer.length > limit - olderCount,
    null
  )
}

function olderThan(db: Db, chatId: string, seq: number, count: number): MessageRow[] {
  return db
    .prepare('SELECT * FROM messages WHERE chat_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
    .all(chatId, seq, count) as MessageRow[]
}

function newerFrom(db: Db, chatId: string, seq: number, count: number): MessageRow[] {
  return db
    .prepare('SELECT * FROM messages WHERE chat_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
    .all(chatId, seq, count) as MessageRow[]
}

function exists(db: Db, chatId: string, condition: 'seq <= ?' | 'seq >= ?', seq: number): boolean {
  return db.prepare(`SELECT 1 FROM messages WHERE chat_id = ? AND ${condition} LIMIT 1`).get(chatId, seq) !== undefined
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
