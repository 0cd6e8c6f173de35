import { useCallback, useState } from 'react'
import { errorMessage } from '../api'

export interface Action {
  /** What went wrong with the last action, for an ErrorNotice; null after a success or a dismissal. */
  error: string | null
  /** Runs a user action; see runAction. */
  run: (job: () => Promise<unknown>) => Promise<boolean>
  /** Shows a failure that did not come through `run` (a list that could not load). */
  fail: (error: unknown) => void
  dismiss: () => void
  /** An action started by `run` is still going (buttons that would start another wait). */
  isBusy: boolean
}

/**
 * Runs a user action: the previous action's error goes away when a new one starts, and a failure is shown instead of
 * thrown (an unhandled rejection in a click handler would be lost). Resolves whether the job succeeded.
 */
export async function runAction(
  job: () => Promise<unknown>,
  showError: (message: string | null) => void
): Promise<boolean> {
  showError(null)
  try {
    await job()
    return true
  } catch (e) {
    showError(errorMessage(e))
    return false
  }
}

/** "Run an action, show its error" for a screen: one error slot, shown with <ErrorNotice message={error} />. */
export function useAction(): Action {
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(0)
  const run = useCallback(async (job: () => Promise<unknown>) => {
    setRunning((n) => n + 1)
    try {
      return await runAction(job, setError)
    } finally {
      setRunning((n) => n - 1)
    }
  }, [])
  const fail = useCallback((e: unknown) => setError(errorMessage(e)), [])
  const dismiss = useCallback(() => setError(null), [])
  return { error, run, fail, dismiss, isBusy: running > 0 }
}
