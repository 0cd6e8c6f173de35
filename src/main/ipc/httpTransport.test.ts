import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../core'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createTestCore } from '../../../tests/helpers/testCore'
import { createHandlers } from './handlers'
import { startHttpTransport, type HttpTransport } from './httpTransport'

interface Reply {
  status: number
  body: string
}

function send(
  url: string,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('HTTP transport', () => {
  const tempDir = useTempDir()
  let core: Core
  let server: HttpTransport | null = null
  beforeEach(async () => {
    core = await createTestCore(tempDir())
  })
  afterEach(async () => {
    await server?.close()
    server = null
    await core.dispose()
  })
  const start = async (token: string | null = null): Promise<HttpTransport> => {
    server = await startHttpTransport({
      handlers: createHandlers(core, 'http'),
      events: core.events,
      host: '127.0.0.1',
      port: 0,
      token,
      staticDir: null
    })
    return server
  }

  it('answers POST /api/<method> with the contract result JSON', async () => {
    const { url } = await start()
    const ok = await send(url, '/api/characters.list', { body: '{}' })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: [{ name: 'Aiko' }] })
    const bad = await send(url, '/api/chat.send', { body: '{"chatId": "x", "text": ""}' })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const notJson = await send(url, '/api/characters.list', { body: '{oops' })
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('streams contract events as server-sent events', async () => {
    const { url } = await start()
    const received = new Promise<string>((resolve, reject) => {
      const req = request(new URL('/api/events', url), { method: 'GET' }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream')
        res.on('data', (chunk: Buffer) => {
          const text = chunk.toString()
          if (text.includes('models.progress')) {
            resolve(text)
            req.destroy()
          } else core.events.emit('models.progress', { path: '/x.gguf', progress: 0.5 })
        })
      })
      req.on('error', reject)
      req.end()
    })
    const text = await received
    const line = text.split('\n').find((l) => l.startsWith('data: '))!
    expect(JSON.parse(line.slice(6))).toEqual({ event: 'models.progress', payload: { path: '/x.gguf', progress: 0.5 } })
  })

  it('rejects cross-site origins and foreign Host headers (DNS rebinding)', async () => {
    const { url } = await start()
    const crossSite = await send(url, '/api/characters.list', {
      body: '{}',
      headers: { origin: 'https://evil.example' }
    })
    expect(crossSite.status).toBe(403)
    const rebinding = await send(url, '/api/characters.list', { body: '{}', headers: { host: 'evil.example:80' } })
    expect(rebinding.status).toBe(403)
  })

  it('requires the token when one is set', async () => {
    const { url } = await start('s3cret')
    expect((await send(url, '/api/characters.list', { body: '{}' })).status).toBe(401)
    const withToken = await send(url, '/api/characters.list', {
      body: '{}',
      headers: { authorization: 'Bearer s3cret' }
    })
    expect(withToken.status).toBe(200)
  })

  it('serves a window.api shim generated from the contract', async () => {
    const { url } = await start()
    const shim = await send(url, '/api-shim.js', { method: 'GET' })
    expect(shim.body).toContain('"chat.send"')
    expect(shim.body).toContain("new EventSource('/api/events'")
  })
})
