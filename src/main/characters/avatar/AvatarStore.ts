import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { newId } from '../../util/ids'

/** Avatars, expression images and kept card assets in the app's data folder, referenced by file name only. */
export class AvatarStore {
  constructor(private readonly dir: string) {}

  async save(bytes: Uint8Array, ext = 'png'): Promise<string> {
    await mkdir(this.dir, { recursive: true })
    const safeExt = /^[a-z0-9]{1,10}$/i.test(ext) ? ext.toLowerCase() : 'bin'
    const fileName = `${newId()}.${safeExt}`
    await writeFile(join(this.dir, fileName), bytes)
    return fileName
  }

  /** Null when missing: a deleted file falls back to the generated avatar instead of failing. */
  async read(fileName: string): Promise<Uint8Array | null> {
    return readFile(join(this.dir, basename(fileName))).catch(() => null)
  }

  /** Takes back files of an import that failed half-way. */
  async remove(fileName: string): Promise<void> {
    await rm(join(this.dir, basename(fileName)), { force: true })
  }
}
