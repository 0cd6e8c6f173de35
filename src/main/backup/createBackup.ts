import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Db } from '../db/openDatabase'
import { schemaVersion } from '../db/openDatabase'
import {
  ARCHIVE_DATABASE,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST,
  isBackedUpTopLevel,
  type BackupManifest
} from './backupFormat'

export interface BackupSource {
  db: Db
  dataDir: string
  modelsDir: string
  appVersion: string
}

export interface BackupArchive {
  fileName: string
  bytes: Uint8Array
  manifest: BackupManifest
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...(await listFiles(dir, path)))
    else if (entry.isFile()) out.push(path)
  }
  return out
}

/**
 * One archive of everything: the database through SQLite's online backup API (consistent while replies stream and
 * memories are written), avatars and other stored files, and a manifest with the app's and the schema's versions.
 */
export async function createBackup(source: BackupSource, now = new Date()): Promise<BackupArchive> {
  const work = await mkdtemp(join(source.dataDir, '.backup-'))
  try {
    const copy = join(work, 'db.sqlite')
    await source.db.backup(copy)
    const files: Zippable = {}
    const listed: BackupManifest['files'] = []
    const add = (path: string, bytes: Uint8Array, isCompressed: boolean): void => {
      files[path] = [bytes, { level: isCompressed ? 0 : 6 }]
      listed.push({ path, size: bytes.length, sha256: sha256(bytes) })
    }
    add(ARCHIVE_DATABASE, await readFile(copy), false)
    const topLevel = (await readdir(source.dataDir)).filter((name) =>
      isBackedUpTopLevel(name, source.dataDir, source.modelsDir)
    )
    for (const name of topLevel) {
      const isDir = (await stat(join(source.dataDir, name))).isDirectory()
      for (const path of isDir ? await listFiles(source.dataDir, name) : [name])
        add(
          `data/${path}`,
          await readFile(join(source.dataDir, path)),
          /\.(png|jpe?g|webp|gif|mp3|ogg|mp4|webm)$/i.test(path)
        )
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: source.appVersion,
      schemaVersion: schemaVersion(source.db),
      createdAt: now.toISOString(),
      files: listed
    }
    files[MANIFEST] = Buffer.from(JSON.stringify(manifest, null, 2))
    const stamp = manifest.createdAt.replace(/[:.]/g, '-')
    return { fileName: `ai-anime-backup-${stamp}.zip`, bytes: zipSync(files), manifest }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
