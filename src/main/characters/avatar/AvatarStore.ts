import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { newId } from '../../util/ids'

/** Avatar PNGs in the app's data folder, referenced from profiles by file name only. */
export class AvatarStore {
  constructor(private readonly dir: string) {}

  async save(png: Uint8Array): Promise<string> {
    await mkdir(this.dir, { recursive: true })
    const fileName = `${newId()}.png`
    await writeFile(join(this.dir, fileName), png)
    return fileName
  }

  /** Null when missing: a deleted file falls back to the generated avatar instead of failing. */
  async read(fileName: string): Promise<Uint8Array | null> {
    return readFile(join(this.dir, basename(fileName))).catch(() => null)
  }
}
