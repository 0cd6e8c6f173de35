import { useEffect, useState } from 'react'
import type { AppInfoResult } from '../../../../shared/contract'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { downloadBase64, fileToBase64 } from '../../files'

/**
 * Backup and restore of everything (characters, chats, memories, pictures, settings) and the daily automatic
 * backups. In the desktop app a dialog picks the file; in browser mode the archive is downloaded and uploaded.
 */
export function BackupPanel(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfoResult | null>(null)
  const [keep, setKeep] = useState<number | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const action = useAction()
  const { fail, isBusy } = action
  const message = action.error ?? done
  useEffect(() => {
    api.app.info({}).then(setInfo, fail)
    api.settings.get({}).then((s) => setKeep(s.autoBackupKeep), fail)
  }, [fail])

  const run = async (job: () => Promise<string | null>): Promise<void> => {
    setDone(null)
    await action.run(async () => setDone(await job()))
  }
  const backUp = (): Promise<void> =>
    run(async () => {
      const result = await api.backup.create({})
      if (result.dataBase64) downloadBase64(result.fileName, result.dataBase64, 'application/zip')
      const size = `${(result.sizeBytes / 1e6).toFixed(1)} MB`
      return result.path
        ? `Backup saved to ${result.path} (${size}).`
        : `Backup downloaded: ${result.fileName} (${size}).`
    })
  const restore = (file: File | null): Promise<void> =>
    run(async () => {
      const result = await api.backup.restore(
        file ? { file: { fileName: file.name, dataBase64: await fileToBase64(file) } } : {}
      )
      // Every view holds data of the replaced folder: start over on the restored one.
      setTimeout(() => window.location.reload(), 1200)
      return `Restored the backup of ${new Date(result.createdAt).toLocaleString()} (${result.characters} characters). Reloading…`
    })
  const changeKeep = (value: number): Promise<void> =>
    run(async () => {
      setKeep((await api.settings.update({ autoBackupKeep: value })).autoBackupKeep)
      return null
    })

  return (
    <div className="card" data-testid="backup-panel">
      <h3>Your data</h3>
      <p className="hint">
        Everything lives in {info?.dataDir ?? 'the data folder'}. A backup holds your characters, chats, memories,
        pictures and settings (not the model files). Restoring replaces all of it; if anything goes wrong your current
        data stays as it is.
      </p>
      <div className="row">
        <button data-testid="backup-create" disabled={isBusy} onClick={() => void backUp()}>
          Back up now
        </button>
        {info?.transport === 'electron' ? (
          <button className="ghost" data-testid="backup-restore" disabled={isBusy} onClick={() => void restore(null)}>
            Restore…
          </button>
        ) : (
          <label className="button ghost">
            Restore…
            <input
              type="file"
              accept=".zip,application/zip"
              hidden
              data-testid="backup-restore-file"
              disabled={isBusy}
              onChange={(e) => void restore(e.target.files?.[0] ?? null)}
            />
          </label>
        )}
      </div>
      <label htmlFor="backup-keep" style={{ marginTop: 12 }}>
        Daily automatic backups to keep (in the data folder's backups; 0 turns them off)
      </label>
      <input
        id="backup-keep"
        data-testid="backup-keep"
        type="number"
        min={0}
        max={365}
        value={keep ?? ''}
        disabled={keep === null || isBusy}
        onChange={(e) => void changeKeep(Math.max(0, Math.min(365, Number(e.target.value) || 0)))}
      />
      {message && (
        <p className="hint" role="status" data-testid="backup-message">
          {message}
        </p>
      )}
    </div>
  )
}
