import type { ModelDownload } from '../../../../shared/domain'
import { api } from '../../api'
import { ProgressBar } from '../../components/ProgressBar'
import { formatBytes } from './formatBytes'

interface Props {
  download: ModelDownload
  /** Runs a pause, resume or cancel; the download's new state comes back from it. */
  act: (job: () => Promise<ModelDownload>) => void
}

/** One download: its progress and the pause, resume and cancel that fit its state. */
export function DownloadItem({ download: d, act }: Props): React.JSX.Element {
  return (
    <li data-testid="download-item" data-state={d.state}>
      <strong>{d.fileName}</strong> <span className="hint">{d.state}</span>
      {d.state !== 'done' && d.state !== 'cancelled' && (
        <ProgressBar
          value={d.totalBytes ? d.receivedBytes / d.totalBytes : 0}
          label={`${formatBytes(d.receivedBytes)} of ${formatBytes(d.totalBytes)} · ${formatBytes(d.bytesPerSecond)}/s`}
        />
      )}
      {d.error && <div className="hint">{d.error}</div>}
      <div className="row">
        {d.state === 'downloading' && (
          <button className="ghost small" onClick={() => act(() => api.models.pauseDownload({ id: d.id }))}>
            Pause
          </button>
        )}
        {(d.state === 'paused' || d.state === 'failed') && (
          <button className="ghost small" onClick={() => act(() => api.models.resumeDownload({ id: d.id }))}>
            Resume
          </button>
        )}
        {d.state !== 'done' && d.state !== 'cancelled' && (
          <button className="ghost small" onClick={() => act(() => api.models.cancelDownload({ id: d.id }))}>
            Cancel
          </button>
        )}
      </div>
    </li>
  )
}
