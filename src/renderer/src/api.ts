/** The renderer's only reader of window.api: unwraps wire results into values or thrown AppErrors. */
import type { Api, ApiEventName, ApiEvents } from '../../shared/contract'
import { AppError, isErrorCode } from '../../shared/errors'

type Unwrapped = {
  [N in keyof Api]: { [F in keyof Api[N]]: Api[N][F] }
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (result.ok) return result.value
  throw new AppError(isErrorCode(result.error.code) ? result.error.code : 'INTERNAL', result.error.message)
}

export const api: Unwrapped = new Proxy({} as Unwrapped, {
  get(_, namespace: string) {
    return new Proxy(
      {},
      {
        get(__, method: string) {
          return async (input: unknown) => {
            const bridge = window.api as unknown as Record<string, Record<string, (input: unknown) => Promise<never>>>
            const fn = bridge[namespace]?.[method]
            if (!fn) throw new AppError('INTERNAL', `The app bridge has no ${namespace}.${method}.`)
            return unwrap(await fn(input ?? {}))
          }
        }
      }
    )
  }
})

export function onEvent<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
  return window.api.on(event, listener)
}

export function pathForFile(file: File): string | null {
  return window.api.pathForFile ? window.api.pathForFile(file) : null
}

export function canResolveFilePaths(): boolean {
  return typeof window.api.pathForFile === 'function'
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
