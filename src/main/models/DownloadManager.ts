import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ModelDownload, OnnxDtype } from '../../shared/domain'
import { AppError, toErrorInfo } from '../../shared/errors'
import { newId } from '../util/ids'
import { resolveModelUrl } from './resolveModelUrl'
import { parseHfRepoUri, resolveHfRepoDownload, type HfRepoDownload, type HfRepoUri } from './hfRepoDownload'

export interface DownloadRequest {
  url: string
  fileName?: string
  /** Expected SHA-256 (hex); a mismatch deletes the file. */
  sha256?: string
}

type Tracked = ModelDownload & {
  request: DownloadRequest
  controller: AbortController | null
  running: Promise<void>
  /** Set for `hf:<user>/<repo>[:<quant>]` downloads, resolved against the hub on the first run. */
  hfRepo?: { uri: HfRepoUri; resolved: HfRepoDownload | null }
}

export interface DownloadOptions {
  /** The Hugging Face endpoint (a mirror, or a test server); node-llama-cpp's HF_ENDPOINT convention. */
  hfEndpoint?: string
  /** Which weights an ONNX repository download takes. */
  onnxDtype?: () => OnnxDtype
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT'])

/**
 * Downloads GGUFs into the models folder: streamed to `<name>.part` (never listed as a model), resumable with an
 * HTTP Range request, checked (GGUF magic, optional SHA-256), and renamed into place only when complete.
 */
export class DownloadManager {
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
    if (repo) return this.track(request.url.trim(), `hf:${repo.user}/${repo.repo}`, request, repo)
    const url = resolveModelUrl(request.url)
    const fileName = basename(request.fileName ?? fileNameOf(url))
    if (!fileName.toLowerCase().endsWith('.gguf'))
      throw new AppError('INVALID_INPUT', `"${fileName}" is not a .gguf file name.`)
    this.refuseExisting(fileName)
    return this.track(url, fileName, request, null)
  }

  private track(url: string, fileName: string, request: DownloadRequest, repo: HfRepoUri | null): ModelDownload {
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
      request,
      controller: null,
      running: Promise.resolve(),
      hfRepo: repo ? { uri: repo, resolved: null } : undefined
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
      if (download.hfRepo) await download.hfRepo.resolved?.discard()
      else await rm(`${download.path}.part`, { force: true })
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

  /** `hf:<user>/<repo>[:<quant>]`: GGUF repositories through node-llama-cpp's downloader, ONNX ones file by file. */
  private async runRepo(id: string): Promise<void> {
    const download = this.get(id)
    const hfRepo = download.hfRepo!
    const controller = new AbortController()
    download.controller = controller
    try {
      hfRepo.resolved ??= await resolveHfRepoDownload(hfRepo.uri, this.modelsDir, {
        endpoint: this.options.hfEndpoint ?? 'https://huggingface.co/',
        onnxDtype: this.options.onnxDtype?.() ?? 'q8',
        signal: controller.signal
      })
      download.fileName = hfRepo.resolved.fileName
      download.path = hfRepo.resolved.path
      this.onProgress(publicView(download))
      let lastReport = 0
      await hfRepo.resolved.download(controller.signal, (progress) => {
        Object.assign(download, progress)
        const now = performance.now()
        if (now - lastReport > 100) {
          lastReport = now
          this.onProgress(publicView(download))
        }
      })
      download.state = 'done'
    } catch (error) {
      if (download.state === 'paused' || download.state === 'cancelled') return this.onProgress(publicView(download))
      download.state = 'failed'
      download.error = toErrorInfo(error).message
    } finally {
      download.controller = null
    }
    this.onProgress(publicView(download))
  }

  private async run(id: string): Promise<void> {
    if (this.get(id).hfRepo) return this.runRepo(id)
    const download = this.get(id)
    const controller = new AbortController()
    download.controller = controller
    const part = `${download.path}.part`
    try {
      const have = await stat(part).then(
        (s) => s.size,
        () => 0
      )
      const response = await fetch(download.url, {
        signal: controller.signal,
        headers: have > 0 ? { range: `bytes=${have}-` } : {}
      }).catch((cause: unknown) => {
        const code = (cause as { cause?: { code?: string } }).cause?.code
        if (code && OFFLINE_CODES.has(code))
          throw new AppError(
            'OFFLINE',
            'You appear to be offline (the download server could not be reached). Everything else works offline.',
            { cause }
          )
        throw cause
      })
      if (!response.ok || !response.body)
        throw new AppError('DOWNLOAD_FAILED', `The server answered ${response.status} ${response.statusText}.`)
      if ((response.headers.get('content-type') ?? '').includes('text/html'))
        throw new AppError(
          'DOWNLOAD_FAILED',
          'The link leads to a web page, not to a GGUF file. Use the direct file link.'
        )
      const isResumed = response.status === 206
      const length = Number(response.headers.get('content-length') ?? NaN)
      download.receivedBytes = isResumed ? have : 0
      download.totalBytes = Number.isFinite(length) ? length + download.receivedBytes : null
      const started = performance.now()
      const startBytes = download.receivedBytes
      let lastReport = 0
      const counter = Readable.fromWeb(response.body as never).map((chunk: Buffer) => {
        download.receivedBytes += chunk.length
        const now = performance.now()
        if (now - lastReport > 100) {
          lastReport = now
          download.bytesPerSecond = ((download.receivedBytes - startBytes) / Math.max(1, now - started)) * 1000
          this.onProgress(publicView(download))
        }
        return chunk
      })
      await pipeline(counter, createWriteStream(part, { flags: isResumed ? 'a' : 'w' }), { signal: controller.signal })
      await verify(part, download.request.sha256)
      // The same name may have appeared while downloading (copied in by hand): never replace it.
      if (existsSync(download.path))
        throw new AppError(
          'DOWNLOAD_FAILED',
          `${download.fileName} appeared in the models folder meanwhile; the download is kept as ${download.fileName}.part.`
        )
      await rename(part, download.path)
      download.state = 'done'
    } catch (error) {
      if (download.state === 'paused' || download.state === 'cancelled') return this.onProgress(publicView(download))
      download.state = 'failed'
      download.error = toErrorInfo(error).message
      if (error instanceof AppError && (error.code === 'CHECKSUM_MISMATCH' || error.message.includes('not a GGUF')))
        await rm(part, { force: true })
    } finally {
      download.controller = null
    }
    this.onProgress(publicView(download))
  }
}

async function verify(path: string, sha256: string | undefined): Promise<void> {
  const handle = await open(path, 'r')
  const head = Buffer.alloc(4)
  await handle.read(head, 0, 4, 0)
  await handle.close()
  if (head.toString('latin1') !== 'GGUF')
    throw new AppError('DOWNLOAD_FAILED', 'The downloaded file is not a GGUF model.')
  if (!sha256) return
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  if (hash.digest('hex') !== sha256.toLowerCase())
    throw new AppError(
      'CHECKSUM_MISMATCH',
      'The download is corrupted (its checksum does not match); the file was removed. Try again.'
    )
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
  download: ModelDownload & { request?: unknown; controller?: unknown; running?: unknown; hfRepo?: unknown }
): ModelDownload {
  const { request: _request, controller: _controller, running: _running, hfRepo: _hfRepo, ...view } = download
  return view
}
