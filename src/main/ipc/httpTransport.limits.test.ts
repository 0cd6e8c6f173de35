import { connect, type Socket } from 'node:net'
import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../core'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createTestCore } from '../../../tests/helpers/testCore'
import { createHandlers } from './handlers'
import { startHttpTransport, type HttpTransport, type HttpTransportOptions } from './httpTransport'
import { bodyLimitFor, DEFAULT_BODY_LIMIT } from './bodyLimits'
import { MAX_CHAT_IMPORT_BYTES } from '../chat/interop/ChatInterop'

interface Reply {
  status: number
  body: string
}

/** Raw HTTP over a socket: the test controls exactly which bytes go out and when (no client-side URL cleanup). */
function rawRequest(port: number, head: string, body: Buffer | string = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head)
      socket.write(body)
    })
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
    socket.on('error', reject)
    socket.on('close', () => resolve(parseReply(text)))
  })
}

function parseReply(text: string): Reply {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)
  const body = text.slice(text.indexOf('\r\n\r\n') + 4)
  return { status, body }
}

/** Streams `totalBytes` of a JSON string body without Content-Length, stopping as soon as the server answers. */
function streamUpload(url: string, path: string, totalBytes: number): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve) => {
    let sentBytes = 0
    let isAnswered = false
    const req = request(new URL(path, url), { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
      isAnswered = true
      res.resume()
      resolve({ status: res.statusCode ?? 0, sentBytes })
    })
    // A server that hangs up mid-upload answers nothing; that counts as refused only if it did not read it all.
    req.on('error', () => resolve({ status: isAnswered ? 0 : -1, sentBytes }))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const pump = (): void => {
      // Bounded: never more than totalBytes, whatever the server does.
      while (!isAnswered && sentBytes < totalBytes) {
        sentBytes += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!isAnswered) req.end()
    }
    req.write('{"x":"')
    pump()
  })
}

describe('HTTP transport refuses hostile requests with a typed answer and keeps serving', () => {
  const tempDir = useTempDir()
  let core: Core
  let server: HttpTransport | null = null
  const sockets: Socket[] = []
  beforeEach(async () => {
    core = await createTestCore(tempDir())
  })
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    await server?.close()
    server = null
    await core.dispose()
  })
  const start = async (extra: Partial<HttpTransportOptions> = {}): Promise<HttpTransport> => {
    server = await startHttpTransport({
      handlers: createHandlers(core, 'http'),
      events: core.events,
      host: '127.0.0.1',
      port: 0,
      token: null,
      staticDir: null,
      ...extra
    })
    return server
  }
  const isAlive = async (port: number): Promise<boolean> => {
    const reply = await rawRequest(
      port,
      'POST /api/characters.list HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n',
      '{}'
    )
    return reply.status === 200
  }

  it('answers malformed percent-encoding with 400, not 500', async () => {
    const { port } = await start()
    for (const path of ['/api/%E0%A4%A', '/%', '/api/chat.list%']) {
      const reply = await rawRequest(
        port,
        `${path.startsWith('/api/') ? 'POST' : 'GET'} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`,
        '{}'
      )
      expect(reply.status, path).toBe(400)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(await isAlive(port)).toBe(true)
  })

  it('caps bodies per method: small calls get a small cap, card imports get megabytes', () => {
    expect(bodyLimitFor('characters.list')).toBe(DEFAULT_BODY_LIMIT)
    expect(bodyLimitFor('chat.send')).toBe(DEFAULT_BODY_LIMIT)
    expect(DEFAULT_BODY_LIMIT).toBeLessThanOrEqual(2 * 1024 * 1024)
    for (const method of [
      'characters.importCard',
      'characters.setAvatar',
      'chat.import',
      'lorebooks.import',
      'backup.restore'
    ])
      expect(bodyLimitFor(method), method).toBeGreaterThanOrEqual(16 * 1024 * 1024)
    // A chat file the importer accepts must also pass the transport, as base64.
    expect(bodyLimitFor('chat.import')).toBeGreaterThan((MAX_CHAT_IMPORT_BYTES * 4) / 3)
  })

  it('refuses a body over its cap from Content-Length alone, before reading it', async () => {
    const { port } = await start()
    const size = DEFAULT_BODY_LIMIT + 1
    // Only the head is sent: an answer proves the server did not wait for 1 MB+ that never comes.
    const reply = await rawRequest(
      port,
      `POST /api/characters.list HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${size}\r\n\r\n`
    )
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await isAlive(port)).toBe(true)
  })

  it('stops reading a streamed body as soon as it passes the cap', async () => {
    const { url, port } = await start()
    const total = 8 * DEFAULT_BODY_LIMIT
    const result = await streamUpload(url, '/api/chat.send', total)
    expect(result.status === 413 || result.status === -1).toBe(true)
    expect(result.sentBytes).toBeLessThan(total)
    expect(await isAlive(port)).toBe(true)
  })

  it('times out a stalled upload and frees its slot', async () => {
    const { port } = await start({ bodyIdleTimeoutMs: 300 })
    const started = Date.now()
    const reply = await rawRequest(
      port,
      'POST /api/characters.importCard HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n',
      '{"fileName":"a.png","dataBase64":"'
    )
    expect(reply.status).toBe(408)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(await isAlive(port)).toBe(true)
  })

  it('limits concurrent large uploads and answers BUSY beyond the limit', async () => {
    const { port } = await start({ maxConcurrentUploads: 2, bodyIdleTimeoutMs: 5_000 })
    const stalled = [0, 1].map(() => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          'POST /api/characters.importCard HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000000\r\n\r\n{"a":"'
        )
      )
      socket.on('error', () => undefined)
      sockets.push(socket)
      return socket
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const third = await rawRequest(
      port,
      'POST /api/characters.importCard HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4000000\r\n\r\n'
    )
    expect(third.status).toBe(503)
    expect(JSON.parse(third.body)).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    // Small calls are not uploads: they keep working while the upload slots are taken.
    expect(await isAlive(port)).toBe(true)
    for (const socket of stalled) socket.destroy()
  })
})
