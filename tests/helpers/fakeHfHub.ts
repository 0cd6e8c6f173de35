import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'

export interface FakeRepo {
  /** File path in the repo -> its bytes. */
  files: Record<string, Uint8Array>
  /** Quantisation tag -> the file the hub's manifest names for it (GGUF repos). */
  manifests?: Record<string, string>
  /** Files served with other bytes than the listing's checksum says (a transfer that went wrong). */
  damaged?: Record<string, Uint8Array>
}

/** A slow link: file bodies go out `chunkBytes` at a time, `chunkDelayMs` apart (to pause or cancel midway). */
export interface FakeHubPace {
  chunkBytes: number
  chunkDelayMs: number
  /** Each file's first bytes go out at once (a downloader that saves its progress in large blocks gets one). */
  fastBytes?: number
}

export interface FakeHfHub {
  /** The endpoint to hand the app, ending with a slash, as HF_ENDPOINT does. */
  endpoint: string
  /** Every request: "METHOD path range". */
  requests: string[]
  close(): Promise<void>
}

/**
 * A loopback server that answers like the Hugging Face hub for what downloads use: the model API's file listing
 * (/api/models/<user>/<repo>), llama.cpp's manifest API (/v2/<user>/<repo>/manifests/<tag>, answering `ggufFile`),
 * and file downloads with HEAD and byte ranges (/<user>/<repo>/resolve/main/<path>).
 */
export async function startFakeHfHub(repos: Record<string, FakeRepo>, pace?: FakeHubPace): Promise<FakeHfHub> {
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub')
    const path = decodeURIComponent(url.pathname)
    requests.push(`${req.method} ${path} ${req.headers.range ?? ''}`.trim())
    const api = path.match(/^\/api\/models\/([^/]+\/[^/]+)$/)
    if (api) {
      const repo = repos[api[1]!]
      if (!repo) return res.writeHead(404).end()
      res.setHeader('content-type', 'application/json')
      // Like the hub with ?blobs=true: large (LFS) files, here .gguf and .onnx, carry their SHA-256.
      const siblings = Object.entries(repo.files).map(([rfilename, bytes]) =>
        /\.(gguf|onnx)$/.test(rfilename)
          ? { rfilename, lfs: { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length } }
          : { rfilename }
      )
      return res.end(JSON.stringify({ id: api[1], siblings }))
    }
    const manifest = path.match(/^\/v2\/([^/]+\/[^/]+)\/manifests\/(.+)$/)
    if (manifest) {
      const file = repos[manifest[1]!]?.manifests?.[manifest[2]!]
      if (!file) return res.writeHead(404).end()
      res.setHeader('content-type', 'application/json')
      return res.end(JSON.stringify({ ggufFile: { rfilename: file } }))
    }
    const resolve = path.match(/^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/)
    const repo = resolve ? repos[resolve[1]!] : undefined
    const body = resolve ? (repo?.damaged?.[resolve[2]!] ?? repo?.files[resolve[2]!]) : undefined
    if (!body) return res.writeHead(404).end()
    res.setHeader('accept-ranges', 'bytes')
    res.setHeader('content-type', 'application/octet-stream')
    const range = req.headers.range?.match(/bytes=(\d+)-(\d*)/)
    const start = range ? Number(range[1]) : 0
    const end = range?.[2] ? Number(range[2]) : body.length - 1
    if (range) {
      res.statusCode = 206
      res.setHeader('content-range', `bytes ${start}-${end}/${body.length}`)
    }
    res.setHeader('content-length', String(end - start + 1))
    if (req.method === 'HEAD') return res.end()
    if (!pace) return res.end(body.subarray(start, end + 1))
    let at = Math.max(start, Math.min(end + 1, pace.fastBytes ?? 0))
    if (at > start) res.write(body.subarray(start, at))
    const timer = setInterval(() => {
      const next = Math.min(end + 1, at + pace.chunkBytes)
      res.write(body.subarray(at, next))
      at = next
      if (at > end) {
        clearInterval(timer)
        res.end()
      }
    }, pace.chunkDelayMs)
    // A paused or cancelled download closes the connection: stop writing to it.
    res.on('close', () => clearInterval(timer))
    return undefined
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        // A downloader may keep its connections alive (or a trickle open): close waits for none of them.
        server.closeAllConnections()
      })
  }
}
