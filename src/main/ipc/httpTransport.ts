import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WireResult } from '../../shared/contract'
import type { EventBus } from '../util/EventBus'
import { dispatch } from './dispatch'
import type { Handlers } from './handlers'
import { buildApiShim } from './buildApiShim'
import { serveStatic } from './serveStatic'

export interface HttpTransportOptions {
  handlers: Handlers
  events: EventBus
  host: string
  port: number
  /** Required on every request when set; always set when binding beyond loopback. */
  token: string | null
  /** Built renderer (index.html + assets); omitted for an API-only server. */
  staticDir: string | null
}

export interface HttpTransport {
  url: string
  port: number
  close(): Promise<void>
}

/** Card imports carry a whole image as base64; anything beyond this is refused before it is buffered. */
const MAX_BODY_BYTES = 96 * 1024 * 1024
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * The browser-mode transport: `POST /api/<method>` with the input JSON answers the contract's result JSON;
 * `GET /api/events` streams contract events as server-sent events. Same handlers as Electron IPC.
 */
export function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const sockets = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    handle(request, response, options, sockets).catch((error: unknown) => {
      console.error('[http] request failed:', error)
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed.' } })
      else response.end()
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
      resolve({
        url: `http://${shownHost}:${port}/`,
        port,
        close: () => closeServer(server, sockets)
      })
    })
  })
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpTransportOptions,
  sockets: Set<ServerResponse>
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (!isAllowedOrigin(request, options))
    return sendJson(response, 403, wireError('UNAUTHORIZED', 'Cross-origin requests are not allowed.'))
  const isApi = url.pathname.startsWith('/api/')
  if (isApi && options.token && !hasToken(request, url, options.token)) {
    return sendJson(response, 401, wireError('UNAUTHORIZED', 'This server needs the access token it printed at start.'))
  }
  if (url.pathname === '/api/events' && request.method === 'GET') return streamEvents(response, options.events, sockets)
  if (isApi) {
    if (request.method !== 'POST') return sendJson(response, 405, wireError('INVALID_INPUT', 'Use POST for API calls.'))
    const body = await readBody(request)
    if (body === null)
      return sendJson(response, 413, wireError('INVALID_INPUT', 'The request is too large (96 MB at most).'))
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (cause) {
      void cause
      return sendJson(response, 400, wireError('INVALID_INPUT', 'The request body is not valid JSON.'))
    }
    return sendJson(
      response,
      200,
      await dispatch(options.handlers, decodeURIComponent(url.pathname.slice('/api/'.length)), input)
    )
  }
  if (url.pathname === '/api-shim.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' })
    return void response.end(buildApiShim())
  }
  if (options.staticDir) return serveStatic(options.staticDir, url.pathname, response)
  sendJson(response, 404, wireError('NOT_FOUND', 'Not found.'))
}

function streamEvents(response: ServerResponse, events: EventBus, sockets: Set<ServerResponse>): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive'
  })
  response.write(': connected\n\n')
  sockets.add(response)
  const unsubscribe = events.subscribe((event, payload) => {
    response.write(`data: ${JSON.stringify({ event, payload })}\n\n`)
  })
  const keepAlive = setInterval(() => response.write(': ping\n\n'), 15_000)
  response.on('close', () => {
    clearInterval(keepAlive)
    unsubscribe()
    sockets.delete(response)
  })
}

/** Blocks DNS-rebinding and cross-site requests: the Host must be ours and any Origin must match it. */
function isAllowedOrigin(request: IncomingMessage, options: HttpTransportOptions): boolean {
  const host = request.headers.host ?? ''
  const hostname = host.replace(/:\d+$/, '')
  if (!options.token && !LOOPBACK_HOSTS.has(hostname)) return false
  const origin = request.headers.origin
  if (!origin) return true
  try {
    return new URL(origin).host === host
  } catch (cause) {
    void cause
    return false
  }
}

function hasToken(request: IncomingMessage, url: URL, token: string): boolean {
  return request.headers.authorization === `Bearer ${token}` || url.searchParams.get('token') === token
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let isTooLarge = false
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) isTooLarge = true
      else chunks.push(chunk)
    })
    request.on('end', () => resolve(isTooLarge ? null : Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function wireError(code: 'UNAUTHORIZED' | 'INVALID_INPUT' | 'NOT_FOUND', message: string): WireResult<never> {
  return { ok: false, error: { code, message } }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(JSON.stringify(body))
}

function closeServer(server: Server, sockets: Set<ServerResponse>): Promise<void> {
  for (const socket of sockets) socket.end()
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
