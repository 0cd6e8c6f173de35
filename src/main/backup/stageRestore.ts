import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { migrations } from '../db/migrations'
import { isSafeEntryName, readZip, type ZipEntry } from '../util/zip/readZip'
import {
  ARCHIVE_DATABASE,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_LIMITS,
  DATABASE_FILE,
  MANIFEST,
  type BackupManifest
} from './backupFormat'

export interface StagedRestore {
  /** A folder inside the data folder holding the restored files, laid out as the data folder is. */
  dir: string
  manifest: BackupManifest
}

const invalid = (message: string, cause?: unknown): AppError =>
  new AppError('FILE_INVALID', `This backup cannot be restored: ${message}`, { cause })

function readManifest(entries: Map<string, ZipEntry>): BackupManifest {
  const entry = entries.get(MANIFEST)
  if (!entry) throw invalid('it is not an Ai Anime backup (it has no manifest).')
  let manifest: Partial<BackupManifest>
  try {
    manifest = JSON.parse(Buffer.from(entry.read()).toString('utf8')) as Partial<BackupManifest>
  } catch (cause) {
    if (cause instanceof AppError) throw cause
    throw invalid('its manifest is not valid JSON.', cause)
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files))
    throw invalid('it is not an Ai Anime backup.')
  if (typeof manifest.formatVersion !== 'number' || manifest.formatVersion > BACKUP_FORMAT_VERSION)
    throw invalid(`it was made by a newer version of the app (${String(manifest.appVersion)}). Update the app first.`)
  const latest = Math.max(...migrations.map((m) => m.version))
  if (typeof manifest.schemaVersion !== 'number' || manifest.schemaVersion > latest)
    throw invalid(
      `its database is from a newer version of the app (${String(manifest.appVersion)}). Update the app first.`
    )
  return manifest as BackupManifest
}

/**
 * Checks a backup archive completely and unpacks it into a staging folder beside the live data; nothing of the
 * live data is touched. Every listed file must be present with its size and SHA-256, and the database must pass
 * SQLite's integrity check, so a damaged or truncated archive is refused here, before anything is swapped.
 */
export async function stageRestore(bytes: Uint8Array, dataDir: string): Promise<StagedRestore> {
  const entries = readZip(bytes, { what: 'This backup', code: 'FILE_INVALID', limits: BACKUP_LIMITS })
  const manifest = readManifest(entries)
  if (!manifest.files.some((f) => f.path === ARCHIVE_DATABASE)) throw invalid('it holds no database.')
  await mkdir(dataDir, { recursive: true })
  const dir = await mkdtemp(join(dataDir, '.restore-'))
  try {
    for (const file of manifest.files) {
      if (typeof file.path !== 'string' || !file.path.startsWith('data/') || !isSafeEntryName(file.path))
        throw invalid(`it lists a file outside its data ("${String(file.path)}").`)
      const entry = entries.get(file.path)
      if (!entry) throw invalid(`${file.path} is missing from it.`)
      const content = entry.read()
      if (content.length !== file.size || createHash('sha256').update(content).digest('hex') !== file.sha256)
        throw invalid(`${file.path} is damaged.`)
      const target = join(dir, file.path.slice('data/'.length))
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, content)
    }
    checkDatabase(join(dir, DATABASE_FILE))
    return { dir, manifest }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

function checkDatabase(file: string): void {
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const result = db.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw invalid(`its database is damaged (${String(result)}).`)
  } catch (cause) {
    if (cause instanceof AppError) throw cause
    throw invalid('its database cannot be opened.', cause)
  } finally {
    db?.close()
  }
}
