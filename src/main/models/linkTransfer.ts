import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/errors'
import type { ModelTransfer } from './ModelTransfer'
import { readGgufSafely } from '../llm/gguf/readGgufSafely'

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT'])

/**
 * One GGUF from a link: streamed to `<name>.part` (never listed as a model), resumed with an HTTP Range request,
 * checked (GGUF magic, optional SHA-256), and renamed into place only when complete.
 */
export function linkTransfer(url: string, path: string, sha256?: string): ModelTransfer {
  const part = `${path}.part`
  return {
    path,
    fileName: basename(path),
    async download(signal, onProgress) {
      const have = await stat(part).then(
        (s) => s.size,
        () => 0
      )
      const response = await fetch(url, { signal, headers: have > 0 ? { range: `bytes=${have}-` } : {} }).catch(
        (cause: unknown) => {
          const code = (cause as { cause?: { code?: string } }).cause?.code
          if (code && OFFLINE_CODES.has(code))
            throw new AppError(
              'OFFLINE',
              'You appear to be offline (the download server could not be reached). Everything else works offline.',
              { cause }
            )
          throw cause
        }
      )
      if (!response.ok || !response.body)
        throw new AppError('DOWNLOAD_FAILED', `The server answered ${response.status} ${response.statusText}.`)
      if ((response.headers.get('content-type') ?? '').includes('text/html'))
        throw new AppError(
          'DOWNLOAD_FAILED',
          'The link leads to a web page, not to a GGUF file. Use the direct file link.'
        )
      const isResumed = response.status === 206
      const length = Number(response.headers.get('content-length') ?? NaN)
      let receivedBytes = isResumed ? have : 0
      const totalBytes = Number.isFinite(length) ? length + receivedBytes : null
      const started = performance.now()
      const startBytes = receivedBytes
      const counter = Readable.fromWeb(response.body as never).map((chunk: Buffer) => {
        receivedBytes += chunk.length
        const bytesPerSecond = ((receivedBytes - startBytes) / Math.max(1, performance.now() - started)) * 1000
        onProgress({ receivedBytes, totalBytes, bytesPerSecond })
        return chunk
      })
      await pipeline(counter, createWriteStream(part, { flags: isResumed ? 'a' : 'w' }), { signal })
      await verify(part, sha256)
      // The same name may have appeared while downloading (copied in by hand): never replace it.
      if (existsSync(path))
        throw new AppError(
          'DOWNLOAD_FAILED',
          `${basename(path)} appeared in the models folder meanwhile; the download is kept as ${basename(part)}.`
        )
      await rename(part, path)
    },
    async discard() {
      await rm(part, { force: true })
    }
  }
}

/** A damaged or wrong file is removed (the next try starts afresh), then reported. */
async function verify(path: string, sha256: string | undefined): Promise<void> {
  const handle = await open(path, 'r')
  const head = Buffer.alloc(4)
  await handle.read(head, 0, 4, 0)
  await handle.close()
  if (head.toString('latin1') !== 'GGUF') {
    await rm(path, { force: true })
    throw new AppError('DOWNLOAD_FAILED', 'The downloaded file is not a GGUF model.')
  }
  // A complete file with a hostile or broken header never lands in the models folder, where every list reads it.
  await readGgufSafely(path).catch(async (cause: unknown) => {
    await rm(path, { force: true })
    const detail = cause instanceof Error ? cause.message : String(cause)
    throw new AppError('DOWNLOAD_FAILED', `The download was removed: ${detail}`, { cause })
  })
  if (!sha256) return
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  if (hash.digest('hex') !== sha256.toLowerCase()) {
    await rm(path, { force: true })
    throw new AppError(
      'CHECKSUM_MISMATCH',
      'The download is corrupted (its checksum does not match); the file was removed. Try again.'
    )
  }
}
