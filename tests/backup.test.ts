import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CoreHost } from '../src/main/CoreHost'
import { createHandlers, type Handlers } from '../src/main/ipc/handlers'
import { AppError } from '../src/shared/errors'
import { picture, zip } from './helpers/charxFixtures'
import { useTempDir } from './helpers/tempDir'
import { createTestHost } from './helpers/testCore'

type Manifest = {
  schemaVersion: number
  formatVersion: number
  files: { path: string; size: number; sha256: string }[]
}

/** The archive with some entries replaced; the manifest is rewritten to match unless `manifest` is changed itself. */
function rebuild(
  archive: Uint8Array,
  change: (files: Record<string, Uint8Array>, manifest: Manifest) => void,
  isManifestResigned = true
): Uint8Array {
  const files = unzipSync(archive)
  const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as Manifest
  change(files, manifest)
  if (isManifestResigned)
    manifest.files = manifest.files.map((f) => {
      const bytes = files[f.path]!
      return { ...f, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
    })
  files['manifest.json'] = Buffer.from(JSON.stringify(manifest))
  return zipSync(files)
}

describe('backup.create / backup.restore', () => {
  const tempDir = useTempDir()
  let host: CoreHost
  let handlers: Handlers
  let dataDir: string
  beforeEach(async () => {
    dataDir = tempDir()
    host = await createTestHost(dataDir)
    handlers = createHandlers(host.view, 'http', { host })
  })
  afterEach(async () => {
    await host.dispose()
  })
  const names = (): string[] =>
    host.current.characters
      .list(host.current.userId)
      .map((c) => c.name)
      .sort()
  const workFolders = (): string[] => readdirSync(dataDir).filter((n) => n.startsWith('.'))

  it('round-trips through the HTTP contract: download, change things, upload, and the data is as it was', async () => {
    const core = host.view
    const aiko = core.characters.list(core.userId)[0]!
    await core.characterService.setAvatar(aiko.id, await picture('#ff8800'))
    core.settings.update({ memoryTokenBudget: 777 })
    const backup = await handlers['backup.create']({})
    expect(backup.path).toBeNull()
    expect(backup.fileName).toMatch(/^ai-anime-backup-.*\.zip$/)
    const before = await core.characterService.avatarDataUrl(aiko.id)

    core.characterService.create({ ...aiko, name: 'Later' })
    core.settings.update({ memoryTokenBudget: 100 })
    const result = await handlers['backup.restore']({
      file: { fileName: backup.fileName, dataBase64: backup.dataBase64! }
    })
    expect(result).toMatchObject({ characters: 1, createdAt: backup.createdAt })
    expect(names()).toEqual(['Aiko'])
    // The handlers built once keep working: they reach the new core.
    expect((await handlers['settings.get']({})).memoryTokenBudget).toBe(777)
    expect((await handlers['characters.avatar']({ id: aiko.id })).dataUrl).toBe(before)
    expect(workFolders()).toEqual([])
    await expect(handlers['backup.create']({ path: '/tmp/x.zip' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(handlers['backup.restore']({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('refuses damaged, foreign and newer archives and leaves the current data untouched', async () => {
    const good = (await host.createBackup()).bytes
    host.view.characterService.create({ ...host.view.characters.list(host.view.userId)[0]!, name: 'Kept' })
    const flipped = Uint8Array.from(good)
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff
    const garbageDb = Buffer.from('SQLite format 3\0'.padEnd(8192, 'x'))
    const conflictingDb = join(tempDir(), 'conflict.sqlite')
    const conflict = new Database(conflictingDb)
    conflict.exec('CREATE TABLE users (x TEXT)')
    conflict.close()
    const cases: [string, Uint8Array, RegExp][] = [
      ['flipped byte', flipped, /damaged|cannot be restored/],
      ['truncated', good.subarray(0, good.length - 100), /not a zip|damaged/],
      ['not a backup', zip({ 'card.json': {} }), /not an Ai Anime backup/],
      [
        'edited file, old manifest',
        rebuild(good, (files) => (files['data/ai-anime.sqlite'] = garbageDb), false),
        /damaged/
      ],
      ['garbage database', rebuild(good, (files) => (files['data/ai-anime.sqlite'] = garbageDb)), /database/],
      ['newer schema', rebuild(good, (_, m) => (m.schemaVersion = 999)), /newer version/],
      ['newer format', rebuild(good, (_, m) => (m.formatVersion = 2)), /newer version/],
      [
        'database the app cannot open',
        rebuild(good, (files, m) => {
          files['data/ai-anime.sqlite'] = new Uint8Array(readFileSync(conflictingDb))
          m.schemaVersion = 0
        }),
        /could not be opened; your data was put back/
      ]
    ]
    for (const [label, bytes, message] of cases) {
      const error = await host.restore(bytes).then(
        () => null,
        (e: unknown) => e
      )
      expect(error, label).toBeInstanceOf(AppError)
      expect((error as AppError).code, label).toBe('FILE_INVALID')
      expect((error as AppError).message, label).toMatch(message)
      expect(names(), label).toEqual(['Aiko', 'Kept'])
      expect(workFolders(), label).toEqual([])
    }
    // One restore at a time: a second one while the first runs is refused.
    const [first, second] = await Promise.allSettled([host.restore(good), host.restore(good)])
    expect(first.status).toBe('fulfilled')
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'BUSY' } })
    // Still working, and a good archive still restores.
    host.view.characterService.create({ ...host.view.characters.list(host.view.userId)[0]!, name: 'After' })
    await host.restore(good)
    expect(names()).toEqual(['Aiko'])
  })

  it('makes one automatic backup a day in the data folder and keeps the newest N', async () => {
    const core = host.current
    core.settings.update({ autoBackupKeep: 2 })
    const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1 + n, 9))
    expect(await core.autoBackup.runIfDue(day(0))).toMatch(/^auto-2026-01-01T09/)
    expect(await core.autoBackup.runIfDue(new Date(day(0).getTime() + 3600_000))).toBeNull()
    await core.autoBackup.runIfDue(day(1))
    await core.autoBackup.runIfDue(day(2))
    const kept = readdirSync(join(dataDir, 'backups')).sort()
    expect(kept).toEqual([expect.stringMatching(/^auto-2026-01-02T/), expect.stringMatching(/^auto-2026-01-03T/)])
    // Backups never contain older backups.
    const inside = Object.keys(unzipSync(new Uint8Array(readFileSync(join(dataDir, 'backups', kept[1]!)))))
    expect(inside.some((p) => p.includes('backups/'))).toBe(false)
    core.settings.update({ autoBackupKeep: 0 })
    expect(await core.autoBackup.runIfDue(day(5))).toBeNull()
    expect(existsSync(join(dataDir, 'backups', kept[1]!))).toBe(true)
  })
})
