import type { Chat } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'

interface ChatRow {
  id: string
  character_id: string | null
  group_id: string | null
  user_id: string
  title: string
  message_count: number
  created_at: string
  updated_at: string
}

// message_count is kept by triggers on messages (migration 12): counting rows cost milliseconds in a long chat.
const SELECT_CHAT = 'SELECT chats.* FROM chats'

export class ChatRepository {
  constructor(private readonly db: Db) {}

  listByCharacter(characterId: string): Chat[] {
    const rows = this.db
      .prepare(`${SELECT_CHAT} WHERE character_id = ? ORDER BY updated_at DESC`)
      .all(characterId) as ChatRow[]
    return rows.map(toChat)
  }

  listByGroup(groupId: string): Chat[] {
    const rows = this.db.prepare(`${SELECT_CHAT} WHERE group_id = ? ORDER BY updated_at DESC`).all(groupId) as ChatRow[]
    return rows.map(toChat)
  }

  idsOfGroup(groupId: string): string[] {
    return (this.db.prepare('SELECT id FROM chats WHERE group_id = ?').all(groupId) as { id: string }[]).map(
      (row) => row.id
    )
  }

  get(id: string): Chat {
    const row = this.db.prepare(`${SELECT_CHAT} WHERE id = ?`).get(id) as ChatRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That chat does not exist (it may have been deleted).')
    return toChat(row)
  }

  /** `metadata` keeps what an imported chat's file had that we do not model (a SillyTavern header), for export. */
  create(
    characterId: string,
    userId: string,
    title: string,
    options: { createdAt?: string; metadata?: Record<string, unknown> } = {}
  ): Chat {
    return this.insert({ characterId, groupId: null }, userId, title, options)
  }

  /** A chat of a group: it belongs to no single character, so deleting a member leaves it. */
  createInGroup(
    groupId: string,
    userId: string,
    title: string,
    options: { createdAt?: string; metadata?: Record<string, unknown> } = {}
  ): Chat {
    return this.insert({ characterId: null, groupId }, userId, title, options)
  }

  private insert(
    owner: { characterId: string | null; groupId: string | null },
    userId: string,
    title: string,
    options: { createdAt?: string; metadata?: Record<string, unknown> }
  ): Chat {
    const id = newId()
    const now = nowIso()
    this.db
      .prepare(
        'INSERT INTO chats (id, character_id, group_id, user_id, title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
      )
      .run(
        id,
        owner.characterId,
        owner.groupId,
        userId,
        title,
        JSON.stringify(options.metadata ?? {}),
        options.createdAt ?? now,
        now
      )
    return this.get(id)
  }

  metadata(id: string): Record<string, unknown> {
    const row = this.db.prepare('SELECT metadata FROM chats WHERE id = ?').get(id) as { metadata: string } | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That chat does not exist (it may have been deleted).')
    return JSON.parse(row.metadata) as Record<string, unknown>
  }

  /** Chats whose metadata has `key` set to true (e.g. history still to be read into memory). */
  idsFlagged(key: string): string[] {
    const rows = this.db.prepare(`SELECT id FROM chats WHERE json_extract(metadata, '$.' || ?) = 1`).all(key) as {
      id: string
    }[]
    return rows.map((r) => r.id)
  }

  setMetadata(id: string, metadata: Record<string, unknown>): void {
    this.db.prepare('UPDATE chats SET metadata = ? WHERE id = ?').run(JSON.stringify(metadata), id)
  }

  touch(id: string): void {
    this.db.prepare('UPDATE chats SET updated_at = ? WHERE id = ?').run(nowIso(), id)
  }

  rename(id: string, title: string): Chat {
    this.db.prepare('UPDATE chats SET title = ?, updated_at = ? WHERE id = ?').run(title, nowIso(), id)
    return this.get(id)
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM chats WHERE id = ?').run(id)
  }
}

function toChat(row: ChatRow): Chat {
  return {
    id: row.id,
    characterId: row.character_id,
    groupId: row.group_id,
    userId: row.user_id,
    title: row.title,
    messageCount: row.message_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
