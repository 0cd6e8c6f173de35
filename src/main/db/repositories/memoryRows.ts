import type { Memory, MemoryKind } from '../../../shared/domain'
import type { Db } from '../openDatabase'

/** A row of the memories table as SQLite returns it (source_message_ids is JSON text). */
export interface MemoryRow {
  id: string
  character_id: string
  user_id: string
  chat_id: string | null
  kind: MemoryKind
  text: string
  subject: string | null
  speaker: string | null
  importance: number
  is_pinned: number
  valid_from: string
  valid_to: string | null
  superseded_by: string | null
  source_message_ids: string
  shared_from: string | null
  orphaned_at: string | null
  group_id: string | null
  created_at: string
  updated_at: string
}

export function toMemory(row: MemoryRow): Memory {
  return {
    id: row.id,
    characterId: row.character_id,
    userId: row.user_id,
    chatId: row.chat_id,
    kind: row.kind,
    text: row.text,
    subject: row.subject,
    speaker: row.speaker,
    importance: row.importance,
    isPinned: row.is_pinned === 1,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    supersededBy: row.superseded_by,
    sourceMessageIds: JSON.parse(row.source_message_ids) as string[],
    sharedFrom: row.shared_from,
    isOrphaned: row.orphaned_at !== null,
    groupId: row.group_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/**
 * The rows of a query whose `IN (...)` list is `ids`, read 500 ids at a time (SQLite caps the bound parameters of one
 * statement). `sql` gets the list's placeholders.
 */
export function selectIn<T>(db: Db, ids: readonly string[], sql: (placeholders: string) => string): T[] {
  const rows: T[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500)
    for (const row of db.prepare(sql(slice.map(() => '?').join(','))).all(...slice) as T[]) rows.push(row)
  }
  return rows
}
