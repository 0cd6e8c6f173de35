import { readFile, rename, writeFile } from 'node:fs/promises'
import type { Core } from '../core'
import type { CoreHost } from '../CoreHost'
import { AppError } from '../../shared/errors'
import type { Handlers } from './handlers'
import { createBackup } from '../backup/createBackup'

/** The desktop app's file dialogs (index.ts); null means the user cancelled. */
export interface BackupDialogs {
  chooseSavePath(defaultName: string): Promise<string | null>
  chooseOpenPath(): Promise<string | null>
}

export interface BackupHandlerOptions {
  /** Restores need the host that can replace the core; without one only backup.create works. */
  host?: CoreHost
  dialogs?: BackupDialogs
}

type BackupHandlers = Pick<Handlers, 'backup.create' | 'backup.restore'>

/**
 * backup.create / backup.restore. Paths on disk are only taken from the desktop app: in browser mode a client may
 * be another device, which must not name files on this computer, so the archive travels as base64 instead.
 */
export function createBackupHandlers(
  core: Core,
  transport: 'electron' | 'http',
  { host, dialogs }: BackupHandlerOptions
): BackupHandlers {
  const cancelled = (): never => {
    throw new AppError('CANCELLED', 'Cancelled.')
  }
  return {
    'backup.create': async ({ path }) => {
      if (path && transport !== 'electron')
        throw new AppError('INVALID_INPUT', 'In browser mode the backup is downloaded; it cannot be written to a path.')
      const archive = host
        ? await host.createBackup()
        : await createBackup({
            db: core.db,
            dataDir: core.config.dataDir,
            modelsDir: core.config.modelsDir,
            appVersion: core.config.version
          })
      const info = {
        fileName: archive.fileName,
        sizeBytes: archive.bytes.length,
        createdAt: archive.manifest.createdAt
      }
      if (transport !== 'electron')
        return { ...info, path: null, dataBase64: Buffer.from(archive.bytes).toString('base64') }
      const target = path ?? (await dialogs?.chooseSavePath(archive.fileName)) ?? cancelled()
      // Written beside and renamed, so an interrupted write never leaves a half archive under the chosen name.
      await writeFile(`${target}.partial`, archive.bytes)
      await rename(`${target}.partial`, target)
      return { ...info, path: target, dataBase64: null }
    },
    'backup.restore': async ({ path, file }) => {
      if (!host) throw new AppError('INTERNAL', 'Restoring is not available in this mode.')
      if (path && transport !== 'electron')
        throw new AppError('INVALID_INPUT', 'In browser mode the backup is uploaded; it cannot be read from a path.')
      let bytes: Uint8Array
      if (file) bytes = Buffer.from(file.dataBase64, 'base64')
      else if (transport !== 'electron') throw new AppError('INVALID_INPUT', 'Choose a backup file to restore.')
      else {
        const source = path ?? (await dialogs?.chooseOpenPath()) ?? cancelled()
        bytes = await readFile(source).catch((cause: unknown) => {
          throw new AppError('NOT_FOUND', `The backup ${source} could not be read.`, { cause })
        })
      }
      const manifest = await host.restore(bytes)
      return {
        createdAt: manifest.createdAt,
        appVersion: manifest.appVersion,
        characters: host.current.characters.count(host.current.userId)
      }
    }
  }
}
