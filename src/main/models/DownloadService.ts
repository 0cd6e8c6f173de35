import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { ModelDownload, OnnxDtype } from '../../shared/domain'
import { AppError, toErrorInfo } from '../../shared/errors'
import { newId } from '../util/ids'
import { resolveModelUrl } from './resolveModelUrl'
import { parseHfRepoUri, resolveHfRepoDownload } from './hfRepoDownload'
import { linkTransfer } from './linkTransfer'
import type { ModelTransfer } from './ModelTransfer'

export interface DownloadRequest {
  url: string
  fileName?: string
  /** Expected SHA-256 (hex); a mismatch deletes the file. */
  sha256?: string
}

type Tracked = ModelDownload & {
  controller: AbortController | null
  running: Promise<void>
  /** What to fetch: known at once for a link; a hub repository is resolved on the first run (a network call). */
  resolve: (signal: AbortSignal) => Promise<ModelTransfer>
  transfer: ModelTransfer | null
}

export interface DownloadOptions {
  /** The Hugging Face endpoint (a mirror, or a test server); node-llama-cpp's HF_ENDPOINT convention. */
  hfEndpoint?: string
  /** Which weights an ONNX repository download takes. */
  onnxDtype?: () => OnnxDtype
}

/**
 * Downloads models into the models folder, one state machine (progress events, pause, resume, cancel) over two kinds
 * of transfer: a link (linkTransfer) and an `hf:<user>/<repo>[:<quant>]` repository (hfRepoDownload: GGUF through
 * node-llama-cpp's downloader, ONNX model folders file by file).
 */
export class DownloadService {
  private readonly downloads = new Map<string, Tracked>()

  constructor(
    private readonly modelsDir: string,
    private readonly onProgress: (download: ModelDownload) => void,
    private readonly options: DownloadOptions = {}
  ) {}

  list(): ModelDownload[] {
    return [...this.downloads.values()].map(publicView)
  }

  /**
   * Starts a download into the models folder. A file name already there (or being downloaded) is refused rather
   * than replaced or renamed: a same-named file is almost always the same model, and a silent copy under
   * "name (2).gguf" would cost gigabytes, so the user decides (another file name, or remove the old file first).
   */
  start(request: DownloadRequest): ModelDownload {
    const repo = parseHfRepoUri(request.url)
    if (repo)
      return this.track(request.url.trim(), `hf:${repo.user}/${repo.repo}`, (signal) =>
        resolveHfRepoDownload(repo, this.modelsDir, {
          endpoint: this.options.hfEndpoint ?? 'https://huggingface.co/',
          onnxDtype: this.options.onnxDtype?.() ?? 'q8',
          signal
        })
      )
    const url = resolveModelUrl(request.url)
    const fileName = basename(request.fileName ?? fileNameOf(url))
    if (!fileName.toLowerCase().endsWith('.gguf'))
      throw new AppError('INVALID_INPUT', `"${fileName}" is not a .gguf file name.`)
    this.refuseExisting(fileName)
    const transfer = linkTransfer(url, join(this.modelsDir, fileName), request.sha256)
    return this.track(url, fileName, () => Promise.resolve(transfer))
  }

  private track(url: string, fileName: string, resolve: Tracked['resolve']): ModelDownload {
    const download: Tracked = {
      id: newId(),
      url,
      fileName,
      path: join(this.modelsDir, fileName),
      state: 'downloading',
      receivedBytes: 0,
      totalBytes: null,
      bytesPerSecond: 0,
      error: null,
      controller: null,
      running: Promise.resolve(),
      resolve,
      transfer: null
    }
    this.downloads.set(download.id, download)
    download.running = this.run(download.id)
    return publicView(download)
  }

  pause(id: string): ModelDownload {
    const download = this.get(id)
    if (download.state === 'downloading') {
      download.state = 'paused'
      download.controller?.abort()
    }
    return publicView(download)
  }

  resume(id: string): ModelDownload {
    const download = this.get(id)
    if (download.state === 'paused' || download.state === 'failed') {
      download.state = 'downloading'
      download.error = null
      // The paused run may still be closing its file: the next one appends only after it has.
      download.running = download.running.then(() => this.run(id))
    }
    return publicView(download)
  }

  async cancel(id: string): Promise<ModelDownload> {
    const download = this.get(id)
    if (download.state !== 'done') {
      download.state = 'cancelled'
      download.controller?.abort()
      await download.running
      await download.transfer?.discard()
      this.onProgress(publicView(download))
    }
    return publicView(download)
  }

  /** Resolves when the download leaves the 'downloading' state (tests, scripts). */
  async settled(id: string): Promise<ModelDownload> {
    for (;;) {
      const running = this.get(id).running
      await running
      if (this.get(id).running === running) return publicView(this.get(id))
    }
  }

  dispose(): void {
    for (const download of this.downloads.values()) download.controller?.abort()
  }

  private refuseExisting(fileName: string): void {
    const path = join(this.modelsDir, fileName)
    const isDownloading = [...this.downloads.values()].some(
      (d) => d.path === path && (d.state === 'downloading' || d.state === 'paused')
    )
    if (isDownloading)
      throw new AppError(
        'INVALID_INPUT',
        `${fileName} is already being downloaded. Resume or cancel that download instead.`
      )
    if (existsSync(path))
      throw new AppError(
        'INVALID_INPUT',
        `${fileName} is already in your models folder. Give the download another file name, or remove the existing file first.`
      )
  }

  private get(id: string): Tracked {
    const download = this.downloads.get(id)
    if (!download) throw new AppError('NOT_FOUND', 'No such download.')
    return download
  }

  private async run(id: string): Promise<void> {
    const download = this.get(id)
    const controller = new AbortController()
    download.controller = controller
    try {
      download.transfer ??= await download.resolve(controller.signal)
      const transfer = download.transfer
      download.fileName = transfer.fileName
      download.path = transfer.path
      let lastReport = 0
      await transfer.download(controller.signal, (progress) => {
        Object.assign(download, progress)
        const now = performance.now()
        if (now - lastReport > 100) {
          lastReport = now
          this.onProgress(publicView(download))
        }
      })
      download.state = 'done'
    } catch (error) {
      // A cancelled download is announced by cancel() once its partial files are gone, not here while they remain.
      if (download.state === 'cancelled') return
      if (download.state === 'paused') return this.onProgress(publicView(download))
      download.state = 'failed'
      download.error = toErrorInfo(error).message
    } finally {
      download.controller = null
    }
    this.onProgress(publicView(download))
  }
}

/** The file name at the end of a download URL; a malformed %-escape there is bad input, not a crash. */
function fileNameOf(url: string): string {
  const last = new URL(url).pathname.split('/').pop() || 'model.gguf'
  try {
    return decodeURIComponent(last)
  } catch (cause) {
    throw new AppError(
      'INVALID_INPUT',
      'The download link has a malformed %-escape in its file name. Check the link.',
      { cause }
    )
  }
}

function publicView(
  download: ModelDownload & { controller?: unknown; running?: unknown; resolve?: unknown; transfer?: unknown }
): ModelDownload {
  const { controller: _controller, running: _running, resolve: _resolve, transfer: _transfer, ...view } = download
  return view
}
