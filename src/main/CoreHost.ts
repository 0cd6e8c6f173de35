import { rm } from 'node:fs/promises'
import { AppError } from '../shared/errors'
import { createCore, type Core, type CoreOptions } from './core'
import type { AppConfig } from './config'
import { EventBus } from './util/EventBus'
import { createBackup, type BackupArchive } from './backup/createBackup'
import { stageRestore } from './backup/stageRestore'
import { swapDataDir } from './backup/swapDataDir'
import type { BackupManifest } from './backup/backupFormat'

/**
 * Holds the running core and replaces it when a backup is restored: the new data is checked and staged while the
 * app runs, then the core is disposed, the data folder's contents swapped, and a core opened on the restored data.
 * If that core cannot open, the previous data goes back and a core is opened on it again.
 *
 * `view` is a Core that always forwards to the current one, so handlers and transports built once keep working
 * across a restore; while the swap runs it answers BUSY instead of reaching a closed database.
 */
export class CoreHost {
  private core: Core
  private isSwapping = false
  private isRestoring = false
  readonly view: Core

  private constructor(
    core: Core,
    private readonly open: () => Promise<Core>
  ) {
    this.core = core
    this.view = new Proxy({} as Core, {
      get: (_target, key) => {
        if (this.isSwapping) throw new AppError('BUSY', 'A backup is being restored; try again in a moment.')
        const value = (this.core as unknown as Record<string | symbol, unknown>)[key]
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(this.core) : value
      }
    })
  }

  /** `open` builds a core on the configured data folder; it must reuse one EventBus so subscribers stay connected. */
  static async start(open: () => Promise<Core>): Promise<CoreHost> {
    return new CoreHost(await open(), open)
  }

  /** A host whose cores share one event bus (transports subscribe once, at start). */
  static open(config: AppConfig, options: CoreOptions = {}): Promise<CoreHost> {
    const events = options.events ?? new EventBus()
    return CoreHost.start(() => createCore(config, { ...options, events }))
  }

  get current(): Core {
    return this.core
  }

  createBackup(): Promise<BackupArchive> {
    const { db, config } = this.core
    return createBackup({ db, dataDir: config.dataDir, modelsDir: config.modelsDir, appVersion: config.version })
  }

  /** Restores a backup archive; on any failure the current data stays as it was and the app keeps running. */
  async restore(bytes: Uint8Array): Promise<BackupManifest> {
    if (this.isRestoring) throw new AppError('BUSY', 'A backup is already being restored.')
    this.isRestoring = true
    const { dataDir, modelsDir } = this.core.config
    try {
      const staged = await stageRestore(bytes, dataDir)
      const loaded = await this.core.models.status()
      try {
        this.isSwapping = true
        await this.core.dispose()
        const swap = await swapDataDir(dataDir, modelsDir, staged.dir).catch(async (error: unknown) => {
          this.core = await this.open()
          throw error
        })
        try {
          this.core = await this.open()
        } catch (cause) {
          await swap.undo()
          this.core = await this.open()
          throw new AppError('FILE_INVALID', 'The restored data could not be opened; your data was put back.', {
            cause
          })
        }
        await swap.commit()
        return staged.manifest
      } finally {
        this.isSwapping = false
        await rm(staged.dir, { recursive: true, force: true })
        this.reloadModel(loaded.state === 'loaded' ? loaded.path : null)
      }
    } finally {
      this.isRestoring = false
    }
  }

  /** The chat model that was loaded before the swap, loaded again in the background (it may take a while). */
  private reloadModel(path: string | null): void {
    const core = this.core
    if (path) core.background.run('reload the chat model after a restore', () => core.models.load(path))
  }

  dispose(): Promise<void> {
    return this.core.dispose()
  }
}
