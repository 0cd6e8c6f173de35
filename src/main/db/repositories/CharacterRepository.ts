import { blankCharacterDraft, type Character, type CharacterDraft } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'

interface CharacterRow {
  id: string
  user_id: string
  data: string
  created_at: string
  updated_at: string
}

export class CharacterRepository {
  constructor(private readonly db: Db) {}

  list(userId: string): Character[] {
    const rows = this.db
      .prepare(
        'SELECT id, user_id, data, created_at, updated_at FROM characters WHERE user_id = ? ORDER BY updated_at DESC'
      )
      .all(userId) as CharacterRow[]
    return rows.map(toCharacter)
  }

  get(id: string): Character {
    const row = this.db
      .prepare('SELECT id, user_id, data, created_at, updated_at FROM characters WHERE id = ?')
      .get(id) as CharacterRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That character does not exist (it may have been deleted).')
    return toCharacter(row)
  }

  insert(userId: string, draft: CharacterDraft): Character {
    const id = newId()
    const now = nowIso()
    this.db
      .prepare(
        'INSERT INTO characters (id, user_id, name, data, avatar_file, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
      )
      .run(id, userId, draft.name, JSON.stringify(draft), draft.avatarFile, now, now)
    return this.get(id)
  }

  update(id: string, patch: Partial<CharacterDraft>): Character {
    const current = this.get(id)
    const next: CharacterDraft = { ...toDraft(current), ...patch }
    this.db
      .prepare('UPDATE characters SET name = ?, data = ?, avatar_file = ?, updated_at = ? WHERE id = ?')
      .run(next.name, JSON.stringify(next), next.avatarFile, nowIso(), id)
    return this.get(id)
  }

  delete(id: string): void {
    const result = this.db.prepare('DELETE FROM characters WHERE id = ?').run(id)
    if (result.changes === 0)
      throw new AppError('NOT_FOUND', 'That character does not exist (it may have been deleted).')
  }

  count(userId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM characters WHERE user_id = ?').get(userId) as { n: number }).n
  }
}

export function toDraft(character: Character): CharacterDraft {
  const { id: _id, userId: _userId, createdAt: _createdAt, updatedAt: _updatedAt, ...draft } = character
  return draft
}

function toCharacter(row: CharacterRow): Character {
  // Defaults first: profiles saved by older versions lack fields added since.
  const draft = { ...blankCharacterDraft(), ...(JSON.parse(row.data) as Partial<CharacterDraft>) }
  return { ...draft, id: row.id, userId: row.user_id, createdAt: row.created_at, updatedAt: row.updated_at }
}
