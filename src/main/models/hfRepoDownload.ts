import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { createModelDownloader, type ModelDownloader } from 'node-llama-cpp'
import type { OnnxDtype } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { folderDownload, onnxRepoDownload } from './hfFolderDownload'
import { checksumMismatch, listRepoFiles, progressOf, sha256Of, type HfRepoUri } from './hfHub'
import type { ModelTransfer } from './ModelTransfer'
import { VOICE_MODELS_SUBDIR, voiceRepoFiles } from './voiceRepoFiles'

export { parseHfRepoUri, type HfRepoUri } from './hfHub'

/** A resolved repository download. */
export interface HfRepoDownload extends ModelTransfer {
  /** Every file or folder it writes into the models folder (refused if one exists already). */
  targets: string[]
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
