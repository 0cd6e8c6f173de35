import type { ChatSearchHit, SnippetPart } from '../../../shared/contract'
import type { MessageRole } from '../../../shared/domain'
import type { Db } from '../openDatabase'
import { buildMatchQuery } from './buildMatchQuery'

interface HitRow {
  message_id: string
  chat_id: string
  chat_title: string
  character_id: string | null
  speaker_name: string | null
  group_id: string | null
  group_name: string | null
  role: MessageRole
  created_at: string
  snippet: string
}

const HIT_START = '\u0001'
const HIT_END = '\u0002'

/**
 * Full-text search over every chat's messages (the messages_fts index of migration 7). Newest first: FTS5 walks its
 * index in rowid order and stops at the limit, so a common word costs the same in 1,000 messages as in 100,000,
 * which ranking every match by relevance would not.
 */
export class MessageSearch {
  constructor(private readonly db: Db) {}

  search(input: { query: string; characterId?: string; limit?: number }): ChatSearchHit[] {
    const match = buildMatchQuery(input.query)
    if (!match) return []
    const rows = this.db
      .prepare(
        `SELECT m.id AS message_id, m.chat_id, c.title AS chat_title, COALESCE(c.character_id, m.character_id) AS character_id,
                m.speaker_name, c.group_id, g.name AS group_name, m.role, m.created_at,
                snippet(messages_fts, 0, char(1), char(2), '…', 16) AS snippet
         FROM messages_fts
         JOIN messages m ON m.rowid = messages_fts.rowid
         JOIN chats c ON c.id = m.chat_id
         LEFT JOIN groups g ON g.id = c.group_id
         WHERE messages_fts MATCH ? AND (? IS NULL OR COALESCE(c.character_id, m.character_id) = ?)
         ORDER BY messages_fts.rowid DESC
         LIMIT ?`
      )
      .all(match, input.characterId ?? null, input.characterId ?? null, input.limit ?? 20) as HitRow[]
    return rows.map((row) => ({
      chatId: row.chat_id,
      chatTitle: row.chat_title,
      messageId: row.message_id,
      characterId: row.character_id,
      speakerName: row.group_id ? row.speaker_name : null,
      groupId: row.group_id,
      groupName: row.group_name,
      role: row.role,
      createdAt: row.created_at,
      snippet: splitSnippet(row.snippet)
    }))
  }
}

/** FTS5's snippet with its hit markers turned into parts, so nothing the user wrote is ever read as markup. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  for (const piece of snippet.split(HIT_START)) {
    const end = piece.indexOf(HIT_END)
    if (end >= 0) {
      if (end > 0) parts.push({ text: piece.slice(0, end), isHit: true })
      if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), isHit: false })
    } else if (piece) parts.push({ text: piece, isHit: false })
  }
  return parts
}
