import { readdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Llama } from 'node-llama-cpp'
import type { GgufMetadata } from '../../shared/domain'
import { inspectModel } from '../llm/inspectModel'
import { AppError } from '../../shared/errors'
import { readPathList } from '../util/readPathList'

/** Parts 2..N of a split model (`-00002-of-00003.gguf`): llama.cpp loads them through the first part. */
export function isSecondarySplitPart(fileName: string): boolean {
  const match = fileName.match(/-(\d{5})-of-(\d{5})\.gguf$/i)
  return match !== null && Number(match[1]) > 1
}

/**
 * Every GGUF the user can load: the app's models folder plus files added from anywhere on disk (kept in a small
 * JSON file). Metadata is cached by path, size and modification time, so listing is cheap after the first time.
 */
export class ModelFileStore {
  private readonly cache = new Map<string, { key: string; metadata: GgufMetadata }>()
  /** Files refused before, by the same size and time key: not read (nor reported) again until they change. */
  private readonly refused = new Map<string, string>()

  constructor(
    private readonly modelsDir: string,
    private readonly customListFile: string,
    private readonly getLlama: () => Promise<Llama>
  ) {}

  async list(): Promise<GgufMetadata[]> {
    const inFolder = (await readdir(this.modelsDir).catch(() => []))
      .filter((f) => f.toLowerCase().endsWith('.gguf') && !isSecondarySplitPart(f))
      .map((f) => join(this.modelsDir, f))
    const paths = [...new Set([...inFolder, ...(await this.customPaths())])]
    const listed: GgufMetadata[] = []
    // One at a time: each new file is read by a worker, and a folder of them must not start dozens at once.
    for (const path of paths) {
      const key = await this.keyOf(path)
      if (this.refused.get(path) === key) continue
      try {
        listed.push(await this.inspect(path))
      } catch (error) {
        // A damaged, hostile or half-downloaded file is left out of the list with a notice; the rest still lists.
        this.refused.set(path, key)
        console.warn(`[models] left out of the list: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    return listed
  }

  /** Adds a GGUF from anywhere on disk; it must inspect cleanly first. */
  async add(path: string): Promise<GgufMetadata> {
    const absolute = resolve(path)
    const metadata = await this.inspect(absolute)
    const custom = await this.customPaths()
    if (!custom.includes(absolute)) await writeFile(this.customListFile, JSON.stringify([...custom, absolute], null, 2))
    return metadata
  }

  /** Forgets a model added from elsewhere on disk (the file stays); files in the models folder are the folder's. */
  async remove(path: string): Promise<void> {
    const custom = await this.customPaths()
    const absolute = resolve(path)
    if (!custom.includes(absolute)) {
      throw new AppError(
        'NOT_FOUND',
        `${path} is not in your model list${absolute.startsWith(resolve(this.modelsDir)) ? ' (it is in the models folder: delete the file there to remove it)' : ''}.`
      )
    }
    await writeFile(
      this.customListFile,
      JSON.stringify(
        custom.filter((p) => p !== absolute),
        null,
        2
      )
    )
  }

  async inspect(path: string): Promise<GgufMetadata> {
    const key = await this.keyOf(path)
    const cached = this.cache.get(path)
    if (cached && cached.key === key) return cached.metadata
    const metadata = await inspectModel(path, await this.getLlama())
    this.cache.set(path, { key, metadata })
    return metadata
  }

  private async keyOf(path: string): Promise<string> {
    const stats = await stat(path).catch(() => null)
    return stats ? `${stats.size}:${stats.mtimeMs}` : ''
  }

  private customPaths(): Promise<string[]> {
    return readPathList(this.customListFile, '[models] the custom model list')
  }
}
