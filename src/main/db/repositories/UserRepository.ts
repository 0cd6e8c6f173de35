import type { UserProfile } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'

interface UserRow {
  id: string
  name: string
  description: string
}

/** The app is single-user today; the id column keeps profiles and memories per user for later. */
export const LOCAL_USER_ID = 'local-user'

export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Creates the local user on first run. */
  ensureLocalUser(): UserProfile {
    const now = nowIso()
    this.db
      .prepare('INSERT OR IGNORE INTO users (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(LOCAL_USER_ID, 'User', '', now, now)
    return this.get(LOCAL_USER_ID)
  }

  get(id: string): UserProfile {
    const row = this.db.prepare('SELECT id, name, description FROM users WHERE id = ?').get(id) as UserRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'That user profile does not exist.')
    return { id: row.id, name: row.name, description: row.description }
  }

  update(id: string, patch: { name?: string; description?: string }): UserProfile {
    const current = this.get(id)
    this.db
      .prepare('UPDATE users SET name = ?, description = ?, updated_at = ? WHERE id = ?')
      .run(patch.name ?? current.name, patch.description ?? current.description, nowIso(), id)
    return this.get(id)
  }
}
