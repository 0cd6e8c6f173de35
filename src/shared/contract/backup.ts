/** The contract's backup part: inputs, results and the backup.* methods. */
import type { FileInput } from './common'

export interface BackupCreateInput {
  /** Desktop app only: where to write the archive (a save dialog asks when omitted). Browser mode downloads it. */
  path?: string
}

export interface BackupResult {
  fileName: string
  sizeBytes: number
  createdAt: string
  /** Desktop app: where the archive was written. */
  path: string | null
  /** Browser mode: the archive itself, to save as a download. */
  dataBase64: string | null
}

export interface BackupRestoreInput {
  /** Desktop app only: the archive's path (an open dialog asks when neither this nor `file` is given). */
  path?: string
  /** Browser mode: the uploaded archive. */
  file?: FileInput
}

export interface BackupRestoreResult {
  /** When the restored backup was made, and by which version of the app. */
  createdAt: string
  appVersion: string
  characters: number
}

export interface BackupApi {
  /** One archive of everything (database, pictures, settings), consistent while the app runs. */
  create(input: BackupCreateInput): Promise<BackupResult>
  /** Replaces all data with a backup's, after checking it completely; on failure nothing changes. */
  restore(input: BackupRestoreInput): Promise<BackupRestoreResult>
}
