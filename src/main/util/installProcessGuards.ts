import { AppError } from '../../shared/errors'

export interface ProcessGuardOptions {
  /** Where failures are written (defaults to console.error). */
  log?: (line: string) => void
  /**
   * The last resort, called once when failures keep coming (`burstLimit` within `burstWindowMs`): the app is then
   * failing in a loop and should say so (the desktop app shows a dialog) instead of spinning silently.
   */
  onFatal?: (error: unknown) => void
  burstLimit?: number
  burstWindowMs?: number
}

/**
 * Keeps the process serving after an unexpected exception or rejection that escaped every handler: it is logged
 * with its kind, code, stack and causes, and the app carries on (each request and reply already fails on its own,
 * typed). Node's default would end the process and, in the desktop app, close the window with every chat in it.
 * Returns the uninstaller.
 */
export function installProcessGuards(where: string, options: ProcessGuardOptions = {}): () => void {
  const log = options.log ?? ((line: string) => console.error(line))
  const burstLimit = options.burstLimit ?? 50
  const burstWindowMs = options.burstWindowMs ?? 10_000
  let recent: number[] = []
  let isFatal = false
  const report = (kind: string, error: unknown): void => {
    log(`[${where}] ${kind} (the app keeps running): ${describeError(error)}`)
    const now = Date.now()
    recent = [...recent.filter((t) => now - t < burstWindowMs), now]
    if (recent.length >= burstLimit && !isFatal && options.onFatal) {
      isFatal = true
      options.onFatal(error)
    }
  }
  const onException = (error: unknown, origin: string): void => report(`uncaught ${origin}`, error)
  const onRejection = (reason: unknown): void => report('unhandled rejection', reason)
  process.on('uncaughtException', onException)
  process.on('unhandledRejection', onRejection)
  return () => {
    process.off('uncaughtException', onException)
    process.off('unhandledRejection', onRejection)
  }
}

/** One line of context per error in the cause chain, then the first stack. */
export function describeError(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof AppError) parts.push(`AppError ${current.code}: ${current.message}`)
    else if (current instanceof Error) parts.push(`${current.name}: ${current.message}`)
    else parts.push(`non-error value ${safeString(current)}`)
    current = current instanceof Error ? current.cause : undefined
  }
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : ''
  return parts.join(' <- caused by ') + stack
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value)
  } catch (error) {
    return `(unprintable: ${error instanceof Error ? error.message : 'unknown'})`
  }
}
