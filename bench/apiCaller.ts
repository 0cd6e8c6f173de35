import type { ApiMethod, MethodInput, MethodResult } from '../src/shared/contract'

export type ApiCall = <M extends ApiMethod>(method: M, input: MethodInput<M>) => Promise<MethodResult<M>>

/** Calls the app over browser mode's HTTP API, typed by the contract so a bench cannot drift from it unnoticed. */
export function apiCaller(baseUrl: string): ApiCall {
  return async (method, input) => {
    const response = await fetch(`${baseUrl}api/${method}`, { method: 'POST', body: JSON.stringify(input) })
    const reply = (await response.json()) as { ok: boolean; value: never; error?: unknown }
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`)
    return reply.value
  }
}
