import { useEffect, useState } from 'react'
import type { HistoryIngestStatus } from '../../../../shared/contract'
import { api, onEvent } from '../../api'
import { ProgressBar } from '../../components/ProgressBar'
import { useAction } from '../../components/useAction'

/**
 * An imported chat's history being read into memory: a progress bar with Cancel, or Resume once stopped. Keyed by
 * chat where it is used, so another chat starts from a clean state.
 */
export function HistoryProgress({ chatId }: { chatId: string }): React.JSX.Element | null {
  const [latest, setStatus] = useState<HistoryIngestStatus | null>(null)
  const action = useAction()
  const { fail } = action
  // A status carries its chat, so another chat's (the one shown before, or its late answer) is simply not shown.
  const status = latest?.chatId === chatId ? latest : null
  useEffect(() => {
    api.memory.historyStatus({ chatId }).then(setStatus, fail)
    return onEvent('memory.historyProgress', (payload) => {
      if (payload.chatId === chatId) setStatus(payload)
    })
  }, [chatId, fail])
  if (!status || status.state === 'done') return null
  const run = (job: () => Promise<HistoryIngestStatus>): void => void action.run(async () => setStatus(await job()))
  return (
    <div className="card notice row" data-testid="history-progress">
      {status.state === 'running' ? (
        <>
          <ProgressBar value={status.total ? status.done / status.total : 0} label="Remembering this chat's history" />
          <button
            className="ghost small"
            data-testid="history-cancel"
            onClick={() => run(() => api.memory.cancelHistory({ chatId }))}
          >
            Cancel
          </button>
        </>
      ) : (
        <>
          <span>
            History {status.state === 'failed' ? 'could not be read' : 'paused'} at {status.done}/{status.total} turns.
          </span>
          <button
            className="ghost small"
            data-testid="history-resume"
            onClick={() => run(() => api.memory.importHistory({ chatId }))}
          >
            Resume
          </button>
        </>
      )}
      {action.error && <span className="hint">{action.error}</span>}
    </div>
  )
}
