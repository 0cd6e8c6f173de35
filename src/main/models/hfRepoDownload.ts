import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, posix } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { combineModelDownloaders, createModelDownloader, type ModelDownloader } from 'node-llama-cpp'
import { ONNX_DTYPES, type OnnxDtype } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { ONNX_DTYPE_FILES } from '../onnx/readOnnxModelFolder'
import type { ModelTransfer, TransferProgress } from './ModelTransfer'
import { VOICE_MODELS_SUBDIR, voiceRepoFiles } from './voiceRepoFiles'

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

/** A resolved repository download. */
export interface HfRepoDownload extends ModelTransfer {
  /** Every file or folder it writes into the models folder (refused if one exists already). */
  targets: string[]
}

/** Files an ONNX model folder needs beside its weights; the optional ones are taken when the repo has them. */
const ONNX_SIDE_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'modules.json',
  '1_Pooling/config.json'
]

/** A file of a hub repository; large (LFS) files come with the SHA-256 the hub stored for them. */
interface RepoFile {
  name: string
  sha256: string | null
}

async function listRepoFiles(endpoint: string, uri: HfRepoUri, signal: AbortSignal): Promise<RepoFile[]> {
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

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

function checksumMismatch(file: string): AppError {
  return new AppError(
    'CHECKSUM_MISMATCH',
    `${file} arrived damaged (its checksum is not the hub's); the download was removed. Try again.`
  )
}

const hubUrl = (endpoint: string, uri: HfRepoUri, file: string): string =>
  `${endpoint}${encodeURIComponent(uri.user)}/${encodeURIComponent(uri.repo)}/resolve/main/${file
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`

/** The weights file for the chosen dtype, else the first present in the usual order. */
function pickOnnxWeights(files: readonly string[], dtype: OnnxDtype): string | null {
  for (const candidate of [dtype, ...ONNX_DTYPES.filter((d) => d !== dtype)]) {
    const name = `onnx/${ONNX_DTYPE_FILES[candidate]}`
    if (files.includes(name)) return name
  }
  return null
}

function progressOf(downloader: {
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

/**
 * A GGUF repository through node-llama-cpp's downloader (ipull): the quantisation tag resolved by the hub's manifest,
 * split models fetched part by part, parallel connections. Its files land under node-llama-cpp's own names.
 */
async function ggufRepoDownload(
  endpoint: string,
  uri: HfRepoUri,
  checksums: ReadonlySet<string>,
  modelsDir: string
): Promise<HfRepoDownload> {
  const options = {
    modelUri: `hf:${uri.user}/${uri.repo}${uri.tag ? `:${uri.tag}` : ''}`,
    dirPath: modelsDir,
    skipExisting: false,
    deleteTempFileOnCancel: false,
    parallelDownloads: 2,
    endpoints: { huggingFace: endpoint }
  }
  let downloader: ModelDownloader
  try {
    downloader = await createModelDownloader(options)
  } catch (cause) {
    throw new AppError('DOWNLOAD_FAILED', `hf:${uri.user}/${uri.repo}: ${(cause as Error).message}`, { cause })
  }
  const targets = downloader.filesInfo.map((file) => file.filePath)
  const discard = async (): Promise<void> => {
    await Promise.all(targets.map((path) => rm(path, { force: true })))
  }
  return {
    path: downloader.entrypointFilePath,
    fileName: downloader.entrypointFilename,
    targets,
    async download(signal, onProgress) {
      // A fresh downloader per run: a paused one has closed its connections.
      const run = await createModelDownloader({ ...options, onProgress: () => onProgress(progressOf(run)) })
      await run.download({ signal })
      if (signal.aborted) throw signal.reason
      // ipull reports progress now and then; a fast transfer can end between reports, so the last one is sent here.
      onProgress(progressOf(run))
      const head = await readFile(run.entrypointFilePath).then((bytes) => bytes.subarray(0, 4).toString('latin1'))
      if (head !== 'GGUF') {
        await discard()
        throw new AppError('DOWNLOAD_FAILED', 'The downloaded file is not a GGUF model.')
      }
      // node-llama-cpp names the files its own way, so each is matched against the checksums of the repo's files.
      for (const path of checksums.size > 0 ? targets : [])
        if (!checksums.has(await sha256Of(path))) {
          await discard()
          throw checksumMismatch(basename(path))
        }
    },
    discard
  }
}

/**
 * An ONNX model repository: config, tokenizer and the weights file of the chosen dtype, as a model folder
 * `<user>--<repo>`.
 */
function onnxRepoDownload(
  endpoint: string,
  uri: HfRepoUri,
  repoFiles: readonly RepoFile[],
  modelsDir: string,
  dtype: OnnxDtype
): HfRepoDownload {
  const files = repoFiles.map((f) => f.name)
  const weights = pickOnnxWeights(files, dtype)
  if (!weights || !files.includes('config.json') || !files.includes('tokenizer.json'))
    throw new AppError('DOWNLOAD_FAILED', `hf:${uri.user}/${uri.repo} has no GGUF file and no complete ONNX model.`)
  const wanted = [
    ...ONNX_SIDE_FILES.filter((f) => files.includes(f)),
    weights,
    ...files.filter((f) => f.startsWith(`${weights}_data`))
  ]
  return folderDownload(endpoint, uri, repoFiles, wanted, modelsDir, `${uri.user}--${uri.repo}`)
}

/**
 * Chosen files of a repository, fetched into a staging folder and moved into place as `<dir>/<fileName>` only when
 * every file has arrived and matches the hub's checksum.
 */
function folderDownload(
  endpoint: string,
  uri: HfRepoUri,
  repoFiles: readonly RepoFile[],
  wanted: readonly string[],
  dir: string,
  fileName: string
): HfRepoDownload {
  const path = join(dir, fileName)
  const staging = `${path}.part`
  return {
    path,
    fileName,
    targets: [path],
    async download(signal, onProgress) {
      await mkdir(dir, { recursive: true })
      const downloaders = wanted.map((file) =>
        createModelDownloader({
          modelUri: hubUrl(endpoint, uri, file),
          dirPath: join(staging, dirname(file)),
          fileName: posix.basename(file),
          skipExisting: true,
          deleteTempFileOnCancel: false
        })
      )
      const combined = await combineModelDownloaders(downloaders, {
        parallelDownloads: 2,
        onProgress: (status) => onProgress({ ...progressOf(status), bytesPerSecond: 0 })
      })
      await combined.download({ signal })
      if (signal.aborted) throw signal.reason
      onProgress({ ...progressOf(combined), bytesPerSecond: 0 })
      for (const { name, sha256 } of repoFiles)
        if (sha256 && wanted.includes(name) && (await sha256Of(join(staging, name))) !== sha256) {
          await rm(staging, { recursive: true, force: true })
          throw checksumMismatch(name)
        }
      await rename(staging, path)
    },
    async discard() {
      await rm(staging, { recursive: true, force: true })
    }
  }
}

/** Resolves `hf:<user>/<repo>[:<quant>]` against the hub (or a mirror named by the endpoint) into what it will write. */
export async function resolveHfRepoDownload(
  uri: HfRepoUri,
  modelsDir: string,
  options: { endpoint: string; onnxDtype: OnnxDtype; signal: AbortSignal }
): Promise<HfRepoDownload> {
  const files = await listRepoFiles(options.endpoint, uri, options.signal).catch((cause: unknown) => {
    if (cause instanceof AppError) throw cause
    throw new AppError('OFFLINE', 'The model hub could not be reached. Everything else works offline.', { cause })
  })
  const ggufChecksums = new Set(
    files.flatMap((f) => (f.name.toLowerCase().endsWith('.gguf') && f.sha256 ? [f.sha256] : []))
  )
  // A voice or recogniser in sherpa-onnx's layout goes to the voice folder, where the voice library lists it.
  const voiceFiles = voiceRepoFiles(files.map((f) => f.name))
  const download = files.some((f) => f.name.toLowerCase().endsWith('.gguf'))
    ? await ggufRepoDownload(options.endpoint, uri, ggufChecksums, modelsDir)
    : voiceFiles
      ? folderDownload(
          options.endpoint,
          uri,
          files,
          voiceFiles,
          join(modelsDir, VOICE_MODELS_SUBDIR),
          `${uri.user}--${uri.repo}`
        )
      : onnxRepoDownload(options.endpoint, uri, files, modelsDir, options.onnxDtype)
  const existing = download.targets.filter((target) => existsSync(target))
  if (existing.length > 0)
    throw new AppError(
      'INVALID_INPUT',
      `${existing.map((t) => t.slice(modelsDir.length + 1)).join(', ')} is already in your models folder. Remove it first to download it again.`
    )
  return download
}
