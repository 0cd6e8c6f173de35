import { existsSync } from 'node:fs'
import { readFile, rename, rm } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { combineModelDownloaders, createModelDownloader, type ModelDownloader } from 'node-llama-cpp'
import { ONNX_DTYPES, type OnnxDtype } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { ONNX_DTYPE_FILES } from '../onnx/readOnnxModelFolder'
import type { ModelTransfer, TransferProgress } from './ModelTransfer'

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

async function listRepoFiles(endpoint: string, uri: HfRepoUri, signal: AbortSignal): Promise<string[]> {
  const url = `${endpoint}api/models/${encodeURIComponent(uri.user)}/${encodeURIComponent(uri.repo)}`
  const response = await fetch(url, { signal })
  if (response.status === 404 || response.status === 401)
    throw new AppError('DOWNLOAD_FAILED', `hf:${uri.user}/${uri.repo} does not exist or is not public.`)
  if (!response.ok) throw new AppError('DOWNLOAD_FAILED', `The model hub answered ${response.status}.`)
  const body = (await response.json()) as { siblings?: { rfilename?: unknown }[] }
  return (body.siblings ?? []).map((s) => s.rfilename).filter((name): name is string => typeof name === 'string')
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
async function ggufRepoDownload(endpoint: string, uri: HfRepoUri, modelsDir: string): Promise<HfRepoDownload> {
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
  return {
    path: downloader.entrypointFilePath,
    fileName: downloader.entrypointFilename,
    targets,
    async download(signal, onProgress) {
      // A fresh downloader per run: a paused one has closed its connections.
      const run = await createModelDownloader({ ...options, onProgress: () => onProgress(progressOf(run)) })
      await run.download({ signal })
      if (signal.aborted) throw signal.reason
      const head = await readFile(run.entrypointFilePath).then((bytes) => bytes.subarray(0, 4).toString('latin1'))
      if (head !== 'GGUF') throw new AppError('DOWNLOAD_FAILED', 'The downloaded file is not a GGUF model.')
    },
    async discard() {
      await Promise.all(targets.map((path) => rm(path, { force: true })))
    }
  }
}

/**
 * An ONNX model repository: config, tokenizer and the weights file of the chosen dtype, fetched into a staging folder
 * and moved into place as `<user>--<repo>` only when every file has arrived.
 */
function onnxRepoDownload(
  endpoint: string,
  uri: HfRepoUri,
  files: readonly string[],
  modelsDir: string,
  dtype: OnnxDtype
): HfRepoDownload {
  const weights = pickOnnxWeights(files, dtype)
  if (!weights || !files.includes('config.json') || !files.includes('tokenizer.json'))
    throw new AppError('DOWNLOAD_FAILED', `hf:${uri.user}/${uri.repo} has no GGUF file and no complete ONNX model.`)
  const wanted = [
    ...ONNX_SIDE_FILES.filter((f) => files.includes(f)),
    weights,
    ...files.filter((f) => f.startsWith(`${weights}_data`))
  ]
  const fileName = `${uri.user}--${uri.repo}`
  const path = join(modelsDir, fileName)
  const staging = `${path}.part`
  return {
    path,
    fileName,
    targets: [path],
    async download(signal, onProgress) {
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
  const download = files.some((f) => f.toLowerCase().endsWith('.gguf'))
    ? await ggufRepoDownload(options.endpoint, uri, modelsDir)
    : onnxRepoDownload(options.endpoint, uri, files, modelsDir, options.onnxDtype)
  const existing = download.targets.filter((target) => existsSync(target))
  if (existing.length > 0)
    throw new AppError(
      'INVALID_INPUT',
      `${existing.map((t) => t.slice(modelsDir.length + 1)).join(', ')} is already in your models folder. Remove it first to download it again.`
    )
  return download
}
