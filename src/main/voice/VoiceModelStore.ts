import { readdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { AppError } from '../../shared/errors'
import { detectVoiceModel, voiceModelId, type DetectedVoiceModel } from './detectVoiceModel'
import { ESPEAK_DATA_DIR, SYSTEM_ESPEAK_DATA_DIRS } from './espeakData'
import { readPathList } from '../util/readPathList'

/**
 * Every voice and recogniser the user can use: the subfolders of the models folder's voice/ (where downloads go)
 * plus folders added from anywhere on disk (kept in a small JSON file). A folder is read again only when it changes,
 * so listing is cheap after the first time; a damaged folder is left out of the list, the rest still lists.
 */
export class VoiceModelStore {
  private readonly cache = new Map<string, { key: string; detected: DetectedVoiceModel }>()
  /**
   * Phoneme data for Piper and Kokoro voices that come without their own espeak-ng-data: a copy the user put in the
   * voice folder, then the ones given (the app's bundled copy and the system's; by default the system's).
   */
  private readonly espeakDataDirs: string[]

  constructor(
    private readonly voiceDir: string,
    private readonly customListFile: string,
    options: { espeakDataDirs?: string[] } = {}
  ) {
    this.espeakDataDirs = [join(voiceDir, ESPEAK_DATA_DIR), ...(options.espeakDataDirs ?? SYSTEM_ESPEAK_DATA_DIRS)]
  }

  async list(): Promise<DetectedVoiceModel[]> {
    const inFolder = await readdir(this.voiceDir, { withFileTypes: true }).then(
      (entries) =>
        entries
          // The shared phoneme data is not a model.
          .filter((e) => e.isDirectory() && e.name !== ESPEAK_DATA_DIR)
          .map((e) => join(this.voiceDir, e.name)),
      () => []
    )
    const listed: DetectedVoiceModel[] = []
    for (const path of [...new Set([...inFolder, ...(await this.customPaths())])]) {
      try {
        listed.push(await this.inspect(path))
      } catch (error) {
        console.warn(`[voice] left out of the list: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    return listed
  }

  /** The model with this id, read again if its folder changed; NOT_FOUND when no listed folder has it. */
  async get(id: string): Promise<DetectedVoiceModel> {
    for (const path of this.cache.keys()) {
      const cached = this.cache.get(path)
      if (cached?.detected.model.id === id) return this.inspect(path)
    }
    const found = (await this.list()).find((d) => d.model.id === id)
    if (!found) throw new AppError('NOT_FOUND', 'That voice model is not installed (it may have been removed).')
    return found
  }

  /** Adds a folder from anywhere on disk; it must be a model sherpa-onnx can run. */
  async add(path: string): Promise<DetectedVoiceModel> {
    const absolute = resolve(path)
    const detected = await this.inspect(absolute)
    const custom = await this.customPaths()
    if (!custom.includes(absolute) && !this.isInVoiceDir(absolute)) {
      await writeFile(this.customListFile, JSON.stringify([...custom, absolute], null, 2))
    }
    return detected
  }

  /** Forgets an added folder (its files stay); folders in the app's voice folder belong to it. */
  async remove(id: string): Promise<void> {
    const custom = await this.customPaths()
    // By the id of the path, so that a folder damaged since it was added can still be removed.
    const path = custom.find((p) => voiceModelId(p) === id)
    if (path === undefined) {
      const inFolder = (await this.list()).find((d) => d.model.id === id)
      throw new AppError(
        'NOT_FOUND',
        inFolder
          ? `${inFolder.model.path} is in the app's voice folder: delete the folder there to remove it.`
          : 'That voice model is not in your list.'
      )
    }
    await writeFile(
      this.customListFile,
      JSON.stringify(
        custom.filter((p) => p !== path),
        null,
        2
      )
    )
    this.cache.delete(path)
  }

  private isInVoiceDir(path: string): boolean {
    return resolve(path).startsWith(resolve(this.voiceDir) + '/')
  }

  /** What a folder holds (read again only if it changed), without adding it. */
  async inspect(path: string): Promise<DetectedVoiceModel> {
    const key = await this.keyOf(path)
    const cached = this.cache.get(path)
    if (cached && cached.key === key) return cached.detected
    const detected = await detectVoiceModel(path, { espeakDataDirs: this.espeakDataDirs })
    this.cache.set(path, { key, detected })
    return detected
  }

  /** The folder's files by name, size and time: any change to a model or tokens file reads the folder again. */
  private async keyOf(path: string): Promise<string> {
    const names = await readdir(path).catch(() => [])
    const parts = await Promise.all(
      names.sort().map(async (name) => {
        const stats = await stat(join(path, name)).catch(() => null)
        return stats ? `${name}:${stats.size}:${stats.mtimeMs}` : name
      })
    )
    return parts.join('|')
  }

  private customPaths(): Promise<string[]> {
    return readPathList(this.customListFile, '[voice] the list of added voice models')
  }
}
