import type { MessageRole, MessageStatus } from '../../../shared/domain'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'

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

/** Appends one message at the end of its chat and touches the chat (the list shows recent chats first); its id. */
export function insertMessage(db: Db, message: NewMessage): string {
  const id = newId()
  const createdAt = message.createdAt ?? nowIso()
  db.transaction(() => {
    db.prepare(
      `INSERT INTO messages (id, chat_id, seq, role, content, status, injected_context, memory_ids, character_id,
         speaker_name, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
      id,
      message.chatId,
      nextSeq(db, message.chatId),
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
    touchChat(db, message.chatId)
  })()
  return id
}

/** Many messages in one transaction (imports, benchmarks), stored as `insertMessage` stores each. */
export function insertMessages(db: Db, chatId: string, list: readonly Omit<NewMessage, 'chatId'>[]): void {
  const insert = db.prepare(
    `INSERT INTO messages (id, chat_id, seq, role, content, status, injected_context, memory_ids, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  db.transaction(() => {
    const next = nextSeq(db, chatId)
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
    touchChat(db, chatId)
  })()
}

/**
 * A message from another app's chat, with its swipes and foreign fields, at the given position. The caller holds
 * the transaction (a chat import is all or nothing).
 */
export function insertImportedMessage(db: Db, message: ImportedMessage): void {
  db.prepare(
    `INSERT INTO messages (id, chat_id, seq, role, content, status, swipes, swipe_index, metadata, character_id,
       speaker_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?)`
  ).run(
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

/** The seq after the chat's last message; read inside the inserting transaction, so two inserts never share one. */
function nextSeq(db: Db, chatId: string): number {
  return (
    db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM messages WHERE chat_id = ?').get(chatId) as {
      next: number
    }
  ).next
}

function touchChat(db: Db, chatId: string): void {
  db.prepare('UPDATE chats SET updated_at = ? WHERE id = ?').run(nowIso(), chatId)
}
