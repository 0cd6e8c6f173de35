import type { ApiMethod, MethodResult, WireResult } from '../../shared/contract'
import { API_METHODS } from '../../shared/contract'
import { AppError, toErrorInfo } from '../../shared/errors'
import { inputSchemas } from './inputSchemas'
import type { Handlers } from './handlers'
import type { SchemaFor } from './schemaFor'

export function isApiMethod(value: string): value is ApiMethod {
  return (API_METHODS as readonly string[]).includes(value)
}

/**
 * The one entry point of every transport: validate the input, call exactly one handler, and turn any failure
 * into the typed wire shape. Nothing thrown escapes, so no transport can crash on bad input.
 */
export async function dispatch(handlers: Handlers, method: string, rawInput: unknown): Promise<WireResult<unknown>> {
  try {
    if (!isApiMethod(method)) throw new AppError('NOT_FOUND', `Unknown call "${method}".`)
    return { ok: true, value: await call(handlers, method, rawInput) }
  } catch (error) {
    const info = toErrorInfo(error)
    if (info.code === 'INTERNAL') console.error(`[ipc] ${method} failed:`, error)
    return { ok: false, error: info }
  }
}

/** Validates the input against the method's schema, whose parsed type is the method's contract input. */
async function call<M extends ApiMethod>(handlers: Handlers, method: M, rawInput: unknown): Promise<MethodResult<M>> {
  const schema: SchemaFor<M> = inputSchemas[method]
  const parsed = schema.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
    throw new AppError('INVALID_INPUT', `${issue?.message ?? 'Invalid input'}${where}.`)
  }
  const handler: Handlers[M] = handlers[method]
  return handler(parsed.data)
}
