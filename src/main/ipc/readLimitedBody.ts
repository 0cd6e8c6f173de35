import type { IncomingMessage } from 'node:http'

export type BodyResult =
  { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'stalled' } | { kind: 'aborted' }

/**
 * Buffers a request body up to `limit` bytes, checked chunk by chunk as it streams in: the moment it passes the
 * limit, or no byte arrives for `idleMs`, reading stops and the caller answers (and closes the connection).
 */
export function readLimitedBody(request: IncomingMessage, limit: number, idleMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let timer = setTimeout(onIdle, idleMs)
    function onIdle(): void {
      finish({ kind: 'stalled' })
    }
    function onData(chunk: Buffer): void {
      size += chunk.length
      if (size > limit) return finish({ kind: 'too-large' })
      chunks.push(chunk)
      clearTimeout(timer)
      timer = setTimeout(onIdle, idleMs)
    }
    function onEnd(): void {
      finish({ kind: 'ok', body: Buffer.concat(chunks) })
    }
    // The client hung up mid-body: there is nobody to answer.
    function onError(): void {
      finish({ kind: 'aborted' })
    }
    function cleanup(): void {
      clearTimeout(timer)
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onError)
    }
    function finish(result: BodyResult): void {
      cleanup()
      // Whatever the client still sends is not read into memory: the connection is closed after the answer.
      if (result.kind !== 'ok') request.pause()
      // A reset arriving after this must not surface as an unhandled 'error' event.
      if (result.kind !== 'ok') request.on('error', logLateError)
      resolve(result)
    }
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onError)
  })
}

function logLateError(error: Error): void {
  console.warn('[http] connection closed after a refused body:', error.message)
}

/** `decodeURIComponent` that answers null for malformed escapes (`%`, `%E0%A4%A`) and NUL bytes instead of throwing. */
export function safeDecodeUri(text: string): string | null {
  try {
    const decoded = decodeURIComponent(text)
    return decoded.includes('\0') ? null : decoded
  } catch (error) {
    if (error instanceof URIError) return null
    throw error
  }
}
