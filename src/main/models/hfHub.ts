import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/errors'
import type { TransferProgress } from './ModelTransfer'

/** `hf:<user>/<repo>` or `hf:<user>/<repo>:<quant>`: a model named the way LM Studio, Ollama and llama.cpp users name it. */
export interface HfRepoUri {
  user: string
  repo: string
  /** A GGUF quantisation tag (Q4_K_M); absent for ONNX repos and for "whatever the repo recommends". */
  tag: string | null
}

export function parseHfRepoUri(input: string): HfRepoUri | null {
  const match = input.trim().match(/^hf:([\w.-]+)\/([\w.-]+)(?::([\w.-]+))?$/)
  return match ? { user: match[1]!, repo: match[2]!, tag: match[3] ?? null } : null
}

/** A file of a hub repository; large (LFS) files come with the SHA-256 the hub stored for them. */
export interface RepoFile {
  name: string
  sha256: string | null
}

/** The repository's files, from the hub's model API. */
export async function listRepoFiles(endpoint: string, uri: HfRepoUri, signal: AbortSignal): Promise<RepoFile[]> {
  const url = `${endpoint}api/models/${encodeURIComponent(uri.user)}/${encodeURIComponent(uri.repo)}?blobs=true`
  const response = await fetch(url, { signal })
  if (response.status === 404 || response.status === 401)
    throw new AppError('DOWNLOAD_FAILED', `hf:${uri.user}/${uri.repo} does not exist or is not public.`)
  if (!response.ok) throw new AppError('DOWNLOAD_FAILED', `The model hub answered ${response.status}.`)
  const body = (await response.json()) as { siblings?: { rfilename?: unknown; lfs?: { sha256?: unknown } }[] }
  return (body.siblings ?? []).flatMap((s) =>
    typeof s.rfilename === 'string'
      ? [{ name: s.rfilename, sha256: typeof s.lfs?.sha256 === 'string' ? s.lfs.sha256.toLowerCase() : null }]
      : []
  )
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

export function checksumMismatch(file: string): AppError {
  return new AppError(
    'CHECKSUM_MISMATCH',
    `${file} arrived damaged (its checksum is not the hub's); the download was removed. Try again.`
  )
}

/** Where the hub serves one file of the repository (its main branch). */
export const hubUrl = (endpoint: string, uri: HfRepoUri, file: string): string =>
  `${endpoint}${encodeURIComponent(uri.user)}/${encodeURIComponent(uri.repo)}/resolve/main/${file
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`

/** node-llama-cpp's downloader status as a transfer's progress. */
export function progressOf(downloader: {
  totalSize: number
  downloadedSize: number
  averageSpeed?: number
}): TransferProgress {
  return {
    receivedBytes: downloader.downloadedSize,
    totalBytes: downloader.totalSize,
    bytesPerSecond: downloader.averageSpeed ?? 0
  }
}
