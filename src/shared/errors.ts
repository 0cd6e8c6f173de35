/** Every error that crosses the contract carries one of these codes. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CANCELLED',
  'MODEL_NOT_LOADED',
  'MODEL_FILE_INVALID',
  'MODEL_FILE_NOT_FOUND',
  'MODEL_TOO_LARGE',
  'MODEL_UNSUPPORTED',
  'ADAPTER_INCOMPATIBLE',
  'CARD_INVALID',
  'FILE_INVALID',
  'FILE_TOO_LARGE',
  'LOREBOOK_TOO_LARGE',
  'IMAGE_INVALID',
  'DOWNLOAD_FAILED',
  'OFFLINE',
  'CHECKSUM_MISMATCH',
  'BUSY',
  'UNAUTHORIZED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The plain-JSON shape of an error on the wire. */
export interface ErrorInfo {
  code: ErrorCode
  message: string
}

/** The one error class of the app: a typed code plus a sentence a person understands. */
export class AppError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message }
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/** Turns anything thrown into the wire shape; unknown failures become INTERNAL. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toJSON()
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'Cancelled.' }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: `Something went wrong: ${message}` }
}
