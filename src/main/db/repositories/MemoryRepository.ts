import type { Memory, MemoryKind } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { Db } from '../openDatabase'
import { newId, nowIso } from '../../util/ids'
import { selectIn, toMemory, type MemoryRow } from './memoryRows'

export type NewMemory = Pick<
  Memory,
  'characterId' | 'userId' | 'kind' | 'text' | 'subject' | 'importance' | 'validFrom' | 'sourceMessageIds' | 'chatId'
> & {
  speaker?: string | null
  sharedFrom?: string | null
}

export interface MemoryFilter {
  characterId: string
  userId: string
  state?: 'current' | 'past' | 'all'
  kinds?: readonly MemoryKind[]
  excludeKinds?: readonly MemoryKind[]
  /** A page, newest first (the memories_browse index serves it without sorting every row). */
  limit?: number
  offset?: number
}

/** The canonical memory rows. SQLite is the source of truth; the vector index can always be rebuilt from here. */
export class MemoryRepository {
  constructor(private readonly db: Db) {}

  insert(memory: NewMemory): Memory {
    const id = newId()
    const now = nowIso()
    this.db
      .prepare(
        `INSERT INTO memories (id, character_id, user_id, chat_id, kind, text, subject, speaker, importance, valid_from, source_message_ids, shared_from, created_at, updated_at, group_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT group_id FROM chats WHERE id = ?))`
      )
      .run(
        id,
        memory.characterId,
        memory.userId,
        memory.chatId,
        memory.kind,
        memory.text,
        memory.subject,
        memory.speaker ?? null,
        memory.importance,
        memory.validFrom,
        JSON.stringify(memory.sourceMessageIds),
        memory.sharedFrom ?? null,
        now,
        now,
        memory.chatId
      )
    return this.get(id)
  }

  insertMany(memories: readonly NewMemory[]): Memory[] {
    return this.db.transaction(() => memories.map((memory) => this.insert(memory)))()
  }

  get(id: string): Memory {
    const row = this.db.prepare('SELECT * FROM memories WHERE id = ?').get(id) as MemoryRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That memory does not exist (it may have been deleted).')
    return toMemory(row)
  }

  getMany(ids: readonly string[]): Map<string, Memory> {
    const rows = selectIn<MemoryRow>(this.db, ids, (list) => `SELECT * FROM memories WHERE id IN (${list})`)
    return new Map(rows.map((row) => [row.id, toMemory(row)]))
  }

  list(filter: MemoryFilter): Memory[] {
    const clauses = ['character_id = ?', 'user_id = ?']
    const params: unknown[] = [filter.characterId, filter.userId]
    if (filter.state === 'current') clauses.push('valid_to IS NULL')
    if (filter.state === 'past') clauses.push('valid_to IS NOT NULL')
    if (filter.kinds?.length) {
      clauses.push(`kind IN (${filter.kinds.map(() => '?').join(',')})`)
      params.push(...filter.kinds)
    }
    if (filter.excludeKinds?.length) {
      clauses.push(`kind NOT IN (${filter.excludeKinds.map(() => '?').join(',')})`)
      params.push(...filter.excludeKinds)
    }
    const page = filter.limit === undefined ? '' : ' LIMIT ? OFFSET ?'
    if (filter.limit !== undefined) params.push(filter.limit, filter.offset ?? 0)
    const rows = this.db
      .prepare(`SELECT * FROM memories WHERE ${clauses.join(' AND ')} ORDER BY valid_from DESC, created_at DESC${page}`)
      .all(...params) as MemoryRow[]
    return rows.map(toMemory)
  }

  /** The owner's pinned current memories (every prompt shows them): read through a partial index, not every row. */
  pinned(owner: { characterId: string; userId: string }): Memory[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM memories WHERE character_id = ? AND user_id = ? AND is_pinned = 1 AND valid_to IS NULL ORDER BY valid_from DESC'
      )
      .all(owner.characterId, owner.userId) as MemoryRow[]
    return rows.map(toMemory)
  }

  /** How many memories there are, of every owner. */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM memories').get() as { n: number }).n
  }

  /** Every memory's id (checking the index after a crash). */
  ids(): string[] {
    return (this.db.prepare('SELECT id FROM memories').all() as { id: string }[]).map((r) => r.id)
  }

  /** Every memory of every owner, for rebuilding the index. */
  all(): Memory[] {
    return (this.db.prepare('SELECT * FROM memories').all() as MemoryRow[]).map(toMemory)
  }

  /** For each turn memory given: the turn memory stored just before it in the same chat (recall's neighbours). */
  previousTurns(memories: readonly Memory[]): Map<string, string> {
    const ids = memories.filter((m) => m.kind === 'message').map((m) => m.id)
    // One statement for all candidates: each lookup walks the memories_turns index backwards from its own time.
    const rows = selectIn<{ id: string; previous: string | null }>(
      this.db,
      ids,
      (list) =>
        `SELECT m.id AS id, (SELECT p.id FROM memories p WHERE p.character_id = m.character_id AND p.user_id = m.user_id AND p.kind = 'message'
           AND p.chat_id IS m.chat_id AND p.valid_from < m.valid_from ORDER BY p.valid_from DESC LIMIT 1) AS previous
         FROM memories m WHERE m.id IN (${list})`
    )
    const previous = new Map<string, string>()
    for (const row of rows) if (row.previous) previous.set(row.id, row.previous)
    return previous
  }

  currentBySubject(characterId: string, userId: string, subject: string): Memory[] {
    const rows = this.db
      .prepare('SELECT * FROM memories WHERE character_id = ? AND user_id = ? AND subject = ? AND valid_to IS NULL')
      .all(characterId, userId, subject) as MemoryRow[]
    return rows.map(toMemory)
  }

  retire(id: string, validTo: string, supersededBy: string | null): void {
    this.db
      .prepare('UPDATE memories SET valid_to = ?, superseded_by = ?, updated_at = ? WHERE id = ?')
      .run(validTo, supersededBy, nowIso(), id)
  }

  /** A fact said again: remember where it was said too. */
  reinforce(id: string, sourceMessageIds: readonly string[], importance: number): void {
    const current = this.get(id)
    const sources = [...new Set([...current.sourceMessageIds, ...sourceMessageIds])]
    this.db
      .prepare('UPDATE memories SET source_message_ids = ?, importance = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(sources), Math.max(current.importance, importance), nowIso(), id)
  }

  updateText(id: string, text: string): Memory {
    this.get(id)
    this.db.prepare('UPDATE memories SET text = ?, updated_at = ? WHERE id = ?').run(text, nowIso(), id)
    return this.get(id)
  }

  setPinned(id: string, isPinned: boolean): Memory {
    this.get(id)
    this.db
      .prepare('UPDATE memories SET is_pinned = ?, updated_at = ? WHERE id = ?')
      .run(isPinned ? 1 : 0, nowIso(), id)
    return this.get(id)
  }

  delete(id: string): void {
    const result = this.db.prepare('DELETE FROM memories WHERE id = ?').run(id)
    if (result.changes === 0) throw new AppError('NOT_FOUND', 'That memory does not exist (it may have been deleted).')
  }

  /** Messages of a chat that already have memories (of one character, when given): a history import resumes after them. */
  ingestedMessageIds(chatId: string, characterId?: string): Set<string> {
    const rows = (
      characterId === undefined
        ? this.db
            .prepare(
              'SELECT DISTINCT s.value AS id FROM memories m, json_each(m.source_message_ids) s WHERE m.chat_id = ?'
            )
            .all(chatId)
        : this.db
            .prepare(
              'SELECT DISTINCT s.value AS id FROM memories m, json_each(m.source_message_ids) s WHERE m.chat_id = ? AND m.character_id = ?'
            )
            .all(chatId, characterId)
    ) as { id: string }[]
    return new Set(rows.map((r) => r.id))
  }

  /** Memories citing any of these messages, each once. */
  bySourceMessages(messageIds: readonly string[]): Memory[] {
    const rows = selectIn<MemoryRow>(
      this.db,
      messageIds,
      (list) => `SELECT DISTINCT m.* FROM memories m, json_each(m.source_message_ids) s WHERE s.value IN (${list})`
    )
    return [...new Map(rows.map((row) => [row.id, toMemory(row)])).values()]
  }

  setSources(id: string, sourceMessageIds: readonly string[]): void {
    this.db
      .prepare('UPDATE memories SET source_message_ids = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(sourceMessageIds), nowIso(), id)
  }

  /** Every message it came from was deleted and the user chose to keep it. */
  markOrphaned(id: string): void {
    const now = nowIso()
    this.db
      .prepare("UPDATE memories SET source_message_ids = '[]', orphaned_at = ?, updated_at = ? WHERE id = ?")
      .run(now, now, id)
  }

  bySourceMessage(messageId: string): Memory[] {
    const rows = this.db
      .prepare('SELECT m.* FROM memories m, json_each(m.source_message_ids) s WHERE s.value = ?')
      .all(messageId) as MemoryRow[]
    return rows.map(toMemory)
  }
}
