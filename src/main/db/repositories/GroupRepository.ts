import type { Group, PromptMode, TalkMode } from '../../../shared/domain/groups'
import { AppError } from '../../../shared/errors'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'

interface GroupRow {
  id: string
  user_id: string
  name: string
  scenario: string
  talk_mode: TalkMode
  prompt_mode: PromptMode
  is_auto_mode: number
  auto_mode_max_replies: number
  metadata: string
  created_at: string
  updated_at: string
}

interface MemberRow {
  group_id: string
  character_id: string
  muted_until: string | null
}

/** What is stored for a group: everything but ids and times. */
export type GroupFields = Omit<Group, 'id' | 'createdAt' | 'updatedAt'>

/** The groups table and its ordered members (group_members). */
export class GroupRepository {
  constructor(private readonly db: Db) {}

  list(userId: string): Group[] {
    const rows = this.db
      .prepare('SELECT * FROM groups WHERE user_id = ? ORDER BY updated_at DESC')
      .all(userId) as GroupRow[]
    return rows.map((row) => this.toGroup(row))
  }

  get(id: string): Group {
    const row = this.db.prepare('SELECT * FROM groups WHERE id = ?').get(id) as GroupRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That group does not exist (it may have been deleted).')
    return this.toGroup(row)
  }

  /** Ids of the groups this character is a member of. */
  idsWithMember(characterId: string): string[] {
    return (
      this.db.prepare('SELECT group_id FROM group_members WHERE character_id = ?').all(characterId) as {
        group_id: string
      }[]
    ).map((row) => row.group_id)
  }

  insert(userId: string, fields: GroupFields): Group {
    const id = newId()
    const now = nowIso()
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO groups (id, user_id, name, scenario, talk_mode, prompt_mode, is_auto_mode, auto_mode_max_replies,
             metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(id, userId, ...columns(fields), now, now)
      this.writeMembers(id, fields)
    })()
    return this.get(id)
  }

  update(id: string, fields: GroupFields): Group {
    this.db.transaction(() => {
      const result = this.db
        .prepare(
          `UPDATE groups SET name = ?, scenario = ?, talk_mode = ?, prompt_mode = ?, is_auto_mode = ?,
             auto_mode_max_replies = ?, metadata = ?, updated_at = ? WHERE id = ?`
        )
        .run(...columns(fields), nowIso(), id)
      if (result.changes === 0) throw new AppError('NOT_FOUND', 'That group does not exist (it may have been deleted).')
      this.db.prepare('DELETE FROM group_members WHERE group_id = ?').run(id)
      this.writeMembers(id, fields)
    })()
    return this.get(id)
  }

  delete(id: string): void {
    const result = this.db.prepare('DELETE FROM groups WHERE id = ?').run(id)
    if (result.changes === 0) throw new AppError('NOT_FOUND', 'That group does not exist (it may have been deleted).')
  }

  private writeMembers(groupId: string, fields: GroupFields): void {
    const insert = this.db.prepare(
      'INSERT INTO group_members (group_id, character_id, position, muted_until) VALUES (?, ?, ?, ?)'
    )
    fields.characterIds.forEach((characterId, position) =>
      insert.run(groupId, characterId, position, fields.mutedUntil[characterId] ?? null)
    )
  }

  private toGroup(row: GroupRow): Group {
    const members = this.db
      .prepare('SELECT * FROM group_members WHERE group_id = ? ORDER BY position')
      .all(row.id) as MemberRow[]
    return {
      id: row.id,
      name: row.name,
      scenario: row.scenario,
      characterIds: members.map((m) => m.character_id),
      talkMode: row.talk_mode,
      promptMode: row.prompt_mode,
      isAutoMode: row.is_auto_mode === 1,
      autoModeMaxReplies: row.auto_mode_max_replies,
      mutedUntil: Object.fromEntries(
        members.filter((m) => m.muted_until !== null).map((m) => [m.character_id, m.muted_until!])
      ),
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      createdAt: row.created_at,
      updatedAt: row.updated_at
    }
  }
}

function columns(fields: GroupFields): [string, string, TalkMode, PromptMode, number, number, string] {
  return [
    fields.name,
    fields.scenario,
    fields.talkMode,
    fields.promptMode,
    fields.isAutoMode ? 1 : 0,
    fields.autoModeMaxReplies,
    JSON.stringify(fields.metadata)
  ]
}
