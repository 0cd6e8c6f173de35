import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { combineModelDownloaders, createModelDownloader } from 'node-llama-cpp'
import { ONNX_DTYPES, type OnnxDtype } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { ONNX_DTYPE_FILES } from '../onnx/readOnnxModelFolder'
import { checksumMismatch, hubUrl, progressOf, sha256Of, type HfRepoUri, type RepoFile } from './hfHub'
import type { HfRepoDownload } from './hfRepoDownload'

/** Files an ONNX model folder needs beside its weights; the optional ones are taken when the repo has them. */
const ONNX_SIDE_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'modules.json',
  '1_Pooling/config.json'
]

/** The weights file for the chosen dtype, else the first present in the usual order. */
function pickOnnxWeights(files: readonly string[], dtype: OnnxDtype): string | null {
  for (const candidate of [dtype, ...ONNX_DTYPES.filter((d) => d !== dtype)]) {
    const name = `onnx/${ONNX_DTYPE_FILES[candidate]}`
    if (files.includes(name)) return name
  }
  return null
}

/**
 * An ONNX model repository: config, tokenizer and the weights file of the chosen dtype, as a model folder
 * `<user>--<repo>`.
 */
export function onnxRepoDownload(
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
export function folderDownload(
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
