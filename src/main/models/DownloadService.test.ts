import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { ModelDownload } from '../../shared/domain'
import { storiesModel } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { malformedGgufs } from '../../../tests/helpers/gguf/malformedGgufs'
import { DownloadService } from './DownloadService'
import { resolveModelUrl } from './resolveModelUrl'

const gguf = readFileSync(storiesModel)

/** Serves the tiny GGUF with Range support; `drop` cuts the first transfer halfway, `html` answers a web page. */
function serve(mode: 'ok' | 'drop' | 'html' | 'slow' | 'hostile'): Promise<{ url: string; server: Server }> {
  let requests = 0
  const server = createServer((req, res) => {
    requests++
    if (mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>')
      return
    }
    const start = Number(req.headers.range?.match(/bytes=(\d+)-/)?.[1] ?? 0)
    const body = (mode === 'hostile' ? malformedGgufs()['tensors-2e62.gguf']! : gguf).subarray(start)
    res.writeHead(start > 0 ? 206 : 200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
    if (mode === 'drop' && requests === 1) {
      // Give the client time to write the first half before the connection drops, so a .part file exists.
      res.write(body.subarray(0, body.length / 2), () => setTimeout(() => res.destroy(), 150))
      return
    }
    if (mode === 'slow') {
      let offset = 0
      const timer = setInterval(() => {
        res.write(body.subarray(offset, offset + 16_384))
        offset += 16_384
        if (offset >= body.length) clearInterval(timer)
      }, 20)
      res.on('close', () => clearInterval(timer))
      return
    }
    res.end(body)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/tiny.gguf`, server })
    )
  )
}

describe('DownloadService against a local server', () => {
  const tempDir = useTempDir()
  const servers: Server[] = []
  afterEach(() => servers.splice(0).forEach((s) => s.close()))
  const start = async (mode: Parameters<typeof serve>[0]): Promise<string> => {
    const { url, server } = await serve(mode)
    servers.push(server)
    return url
  }

  it('downloads with progress events and checks the checksum', async () => {
    const dir = tempDir()
    const events: ModelDownload[] = []
    const manager = new DownloadService(dir, (d) => events.push(d))
    const url = await start('slow')
    const sha256 = createHash('sha256').update(gguf).digest('hex')
    const { id } = manager.start({ url, sha256 })
    const done = await manager.settled(id)
    expect(done.state).toBe('done')
    expect(readFileSync(done.path).equals(gguf)).toBe(true)
    expect(events.filter((e) => e.state === 'downloading').length).toBeGreaterThan(2)
    expect(events.some((e) => e.totalBytes === gguf.length && e.bytesPerSecond > 0)).toBe(true)
  })

  it('resumes an interrupted transfer with a Range request', async () => {
    const dir = tempDir()
    const manager = new DownloadService(dir, () => undefined)
    const { id } = manager.start({ url: await start('drop') })
    const failed = await manager.settled(id)
    expect(failed.state, failed.error ?? '').toBe('failed')
    expect(existsSync(`${dir}/tiny.gguf.part`)).toBe(true)
    manager.resume(id)
    const done = await manager.settled(id)
    expect(done.state).toBe('done')
    expect(readFileSync(done.path).equals(gguf)).toBe(true)
  })

  it('rejects a checksum mismatch and an HTML page, and cancel leaves no partial file', async () => {
    const dir = tempDir()
    // What the files are when each 'cancelled' event goes out: the Models screen drops the row at that event.
    const leftAtCancelled: string[][] = []
    const manager = new DownloadService(dir, (d) => {
      if (d.state === 'cancelled')
        leftAtCancelled.push(readdirSync(dir).filter((f) => f.endsWith('.gguf') || f.endsWith('.part')))
    })
    const bad = await manager.settled(manager.start({ url: await start('ok'), sha256: '0'.repeat(64) }).id)
    expect(bad).toMatchObject({ state: 'failed' })
    expect(bad.error).toMatch(/checksum/)
    const html = await manager.settled(manager.start({ url: await start('html'), fileName: 'page.gguf' }).id)
    expect(html.error).toMatch(/web page/)
    const slow = manager.start({ url: await start('slow'), fileName: 'slow.gguf' })
    await new Promise((r) => setTimeout(r, 60))
    expect((await manager.cancel(slow.id)).state).toBe('cancelled')
    expect(readdirSync(dir).filter((f) => f.endsWith('.gguf') || f.endsWith('.part'))).toEqual([])
    expect(leftAtCancelled).toEqual([[]])
  })

  it('pauses and resumes, and says clearly when offline', async () => {
    const dir = tempDir()
    const manager = new DownloadService(dir, () => undefined)
    const { id } = manager.start({ url: await start('slow') })
    await new Promise((r) => setTimeout(r, 60))
    expect(manager.pause(id).state).toBe('paused')
    manager.resume(id)
    expect((await manager.settled(id)).state).toBe('done')
    const closed = createServer()
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port))
    )
    await new Promise((resolve) => closed.close(resolve))
    const offline = await manager.settled(manager.start({ url: `http://127.0.0.1:${port}/x.gguf` }).id)
    expect(offline.error).toMatch(/offline/)
  })

  it('resolves hf: addresses and refuses other schemes', () => {
    expect(resolveModelUrl('hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf')).toBe(
      'https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF/resolve/main/Llama-3.2-3B-Instruct-Q4_K_M.gguf'
    )
    expect(() => resolveModelUrl('file:///etc/passwd')).toThrow(/Only http/)
    expect(() => resolveModelUrl('not a url')).toThrow(/download link/)
  })

  it('never replaces a model already in the folder, nor starts a second download to the same file', async () => {
    const dir = tempDir()
    writeFileSync(`${dir}/tiny.gguf`, 'the model the user already has')
    const manager = new DownloadService(dir, () => undefined)
    const url = await start('slow')
    expect(() => manager.start({ url })).toThrow(/already/)
    expect(() => manager.start({ url })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(readFileSync(`${dir}/tiny.gguf`, 'utf8')).toBe('the model the user already has')
    const first = manager.start({ url, fileName: 'other.gguf' })
    expect(() => manager.start({ url, fileName: 'other.gguf' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' })
    )
    expect((await manager.settled(first.id)).state).toBe('done')
  })

  it('refuses a URL with a malformed percent-escape with a typed error', () => {
    const manager = new DownloadService(tempDir(), () => undefined)
    for (const url of ['https://example.com/models/%E0%A4%A.gguf', 'https://example.com/%.gguf'])
      expect(() => manager.start({ url }), url).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('refuses a downloaded GGUF whose header is hostile, and removes it instead of leaving it in the models folder', async () => {
    const dir = tempDir()
    const manager = new DownloadService(dir, () => undefined)
    const failed = await manager.settled(manager.start({ url: await start('hostile') }).id)
    expect(failed.state).toBe('failed')
    expect(failed.error).toMatch(/tensors/)
    expect(readdirSync(dir).filter((f) => f.includes('.gguf'))).toEqual([])
  })
})
