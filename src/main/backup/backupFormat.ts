import { relative, resolve, sep } from 'node:path'

/** Written into every archive; restore refuses archives of another format or a newer format version. */
export const BACKUP_FORMAT = 'ai-anime-backup'
export const BACKUP_FORMAT_VERSION = 1
export const DATABASE_FILE = 'ai-anime.sqlite'
/** Inside the archive: the consistent copy made by SQLite's online backup API. */
export const ARCHIVE_DATABASE = `data/${DATABASE_FILE}`
export const MANIFEST = 'manifest.json'
/** Automatic backups live here, inside the data folder (never inside a backup themselves). */
export const BACKUPS_DIR = 'backups'

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  appVersion: string
  /** The database's migration version (PRAGMA user_version); a newer one than this app knows is refused. */
  schemaVersion: number
  createdAt: string
  /** Every file under data/, with its size and SHA-256, so a damaged or edited archive is refused. */
  files: { path: string; size: number; sha256: string }[]
}

/** The backup file may be large (a database of years of chats); only the total bounds it. */
export const BACKUP_LIMITS = {
  maxArchiveBytes: 2 * 1024 * 1024 * 1024 - 1,
  maxEntries: 200_000,
  maxEntryBytes: 2 * 1024 * 1024 * 1024 - 1,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  // SQLite's free pages are zeros and compress almost without limit; the totals above are the real bound.
  maxRatio: 100_000
}

/**
 * What of the data folder is the user's data, at its top level: everything except the database files (copied
 * through SQLite), the memory index (rebuilt from the database), the models folder (GGUFs of gigabytes, found again
 * by path), automatic backups and the app's own hidden work folders.
 */
export function isBackedUpTopLevel(name: string, dataDir: string, modelsDir: string): boolean {
  if (name.startsWith('.') || name === BACKUPS_DIR || name === 'memory-index') return false
  if (name === DATABASE_FILE || name === `${DATABASE_FILE}-wal` || name === `${DATABASE_FILE}-shm`) return false
  const modelsInside = relative(resolve(dataDir), resolve(modelsDir))
  return !(modelsInside && !modelsInside.startsWith('..') && modelsInside.split(sep)[0] === name)
}
