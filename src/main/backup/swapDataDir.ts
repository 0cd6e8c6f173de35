import { mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { BACKUPS_DIR, isBackedUpTopLevel } from './backupFormat'

export interface DataSwap {
  /** Puts the previous data back (the restored data is removed). */
  undo(): Promise<void>
  /** The restore succeeded: the previous data kept aside is deleted. */
  commit(): Promise<void>
}

/** Top-level items a restore replaces: the user's data, including the database files and the memory index. */
function isReplaced(name: string, dataDir: string, modelsDir: string): boolean {
  if (name.startsWith('.') || name === BACKUPS_DIR) return false
  return name === 'memory-index' || name.startsWith('ai-anime.sqlite') || isBackedUpTopLevel(name, dataDir, modelsDir)
}

/**
 * Moves the live data into a folder aside and the staged data in, by renames inside the data folder (same disk, so
 * each is atomic). Nothing is deleted until `commit`; a failure half-way puts everything back.
 */
export async function swapDataDir(dataDir: string, modelsDir: string, stagedDir: string): Promise<DataSwap> {
  const aside = await mkdtemp(join(dataDir, '.previous-'))
  const movedAside: string[] = []
  const movedIn: string[] = []
  const undo = async (): Promise<void> => {
    for (const name of movedIn.splice(0)) await rm(join(dataDir, name), { recursive: true, force: true })
    for (const name of movedAside.splice(0)) await rename(join(aside, name), join(dataDir, name))
    await rm(aside, { recursive: true, force: true })
  }
  try {
    for (const name of (await readdir(dataDir)).filter((n) => isReplaced(n, dataDir, modelsDir))) {
      await rename(join(dataDir, name), join(aside, name))
      movedAside.push(name)
    }
    for (const name of await readdir(stagedDir)) {
      await rename(join(stagedDir, name), join(dataDir, name))
      movedIn.push(name)
    }
  } catch (error) {
    await undo()
    throw error
  }
  return { undo, commit: () => rm(aside, { recursive: true, force: true }) }
}
