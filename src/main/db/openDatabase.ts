import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../shared/errors'
import { migrations as defaultMigrations, type Migration } from './migrations'

export type Db = Database.Database

/**
 * Opens (or creates) the app database: WAL so a crash mid-stream keeps every committed row, foreign keys on,
 * then applies pending migrations tracked in `PRAGMA user_version`.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = defaultMigrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  let db: Db
  try {
    db = new Database(file)
  } catch (cause) {
    throw new AppError('INTERNAL', `The database at ${file} could not be opened.`, { cause })
  }
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  applyMigrations(db, migrations)
  return db
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

function applyMigrations(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db)
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > current)
  for (const migration of pending) {
    // The pragma is a no-op inside a transaction, so it is switched around it.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        if (migration.rebuildsTables) requireForeignKeysIntact(db, migration)
        db.pragma(`user_version = ${migration.version}`)
      })()
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON')
    }
  }
}

function requireForeignKeysIntact(db: Db, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) {
    throw new AppError(
      'INTERNAL',
      `Migration ${migration.version} (${migration.name}) would break ${broken.length} references; nothing was changed.`
    )
  }
}
