import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import { createBackup, type BackupSource } from './createBackup'

const DAY_MS = 24 * 60 * 60 * 1000
const PREFIX = 'auto-'
/** auto-2026-11-29T10-00-00-000Z.zip: the name sorts by time and says when it was made. */
const NAME = /^auto-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.zip$/

export interface AutoBackupDeps {
  source: BackupSource
  /** Backups folder inside the data folder. */
  dir: string
  /** How many to keep (the setting); 0 = off. */
  keep: () => number
  background: BackgroundTasks
  /** How often to look whether a day has passed; the first look is one interval after start. */
  checkEveryMs?: number
}

function madeAt(name: string): number | null {
  const m = NAME.exec(name)
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null
}

/** Daily backups in the data folder, keeping the newest N; runs as tracked background work so shutdown waits. */
export class AutoBackup {
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly deps: AutoBackupDeps) {}

  start(): void {
    this.timer = setInterval(
      () => this.deps.background.run('automatic backup', () => this.runIfDue()),
      this.deps.checkEveryMs ?? 60 * 60 * 1000
    )
    this.timer.unref()
  }

  /** Makes a backup when none is less than a day old, then deletes all but the newest N; the file name or null. */
  async runIfDue(now = new Date()): Promise<string | null> {
    const keep = this.deps.keep()
    if (keep <= 0) return null
    await mkdir(this.deps.dir, { recursive: true })
    const newest = Math.max(0, ...(await this.list()).map((f) => f.at))
    let made: string | null = null
    if (now.getTime() - newest >= DAY_MS) {
      const archive = await createBackup(this.deps.source, now)
      made = `${PREFIX}${archive.manifest.createdAt.replace(/[:.]/g, '-')}.zip`
      const target = join(this.deps.dir, made)
      await writeFile(`${target}.partial`, archive.bytes)
      await rename(`${target}.partial`, target)
    }
    const old = (await this.list()).sort((a, b) => b.at - a.at).slice(keep)
    for (const file of old) await rm(join(this.deps.dir, file.name), { force: true })
    return made
  }

  private async list(): Promise<{ name: string; at: number }[]> {
    const names = await readdir(this.deps.dir).catch(() => [] as string[])
    return names.flatMap((name) => {
      const at = madeAt(name)
      return at === null ? [] : [{ name, at }]
    })
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
