import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WireResult } from '../../shared/contract'
import type { EventBus } from '../util/EventBus'
import { dispatch } from './dispatch'
import type { Handlers } from './handlers'
import { buildApiShim } from './buildApiShim'
import { serveStatic } from './serveStatic'
import { bodyLimitFor, isUploadMethod } from './bodyLimits'
import { readLimitedBody, safeDecodeUri } from './readLimitedBody'
import { isAuthorized, presentedToken, requiresToken, type DeviceGate } from './httpAuth'
import { pairDevice } from './pairDevice'

export interface HttpTransportOptions {
  handlers: Handlers
  events: EventBus
  host: string
  port: number
  /** Required on every request when set; always set when binding beyond loopback (unless `devices` guards it). */
  token: string | null
  /**
   * The LAN listener of "Use on your phone": API calls need a paired device's token, `POST /pair` pairs a device,
   * and pairing itself cannot be managed from here (a phone cannot pair others or revoke the computer's choices).
   */
  devices?: DeviceGate | null
  /** Built renderer (index.html + assets); omitted for an API-only server. */
  staticDir: string | null
  /** A request body that sends nothing for this long is answered 408 and closed (default 15 s). */
  bodyIdleTimeoutMs?: number
  /** Uploads (card, avatar, import calls) read at the same time; more answer BUSY (default 4). */
  maxConcurrentUploads?: number
}

export type { DeviceGate }

export interface HttpTransport {
  url: string
  port: number
  close(): Promise<void>
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * The browser-mode transport: `POST /api/<method>` with the input JSON answers the contract's result JSON;
 * `GET /api/events` streams contract events as server-sent events. Same handlers as Electron IPC.
 */
export function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const sockets = new Set<ServerResponse>()
  const uploads = { active: 0 }
  const server = createServer((request, response) => {
    handle(request, response, options, sockets, uploads).catch((error: unknown) => {
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
  sockets: Set<ServerResponse>,
  uploads: { active: number }
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (!isAllowedOrigin(request, options))
    return sendJson(response, 403, wireError('UNAUTHORIZED', 'Cross-origin requests are not allowed.'))
  const pathname = safeDecodeUri(url.pathname)
  if (pathname === null)
    return void refuse(response, 400, wireError('INVALID_INPUT', 'The address has a malformed %-escape.'))
  const isApi = pathname.startsWith('/api/')
  if (pathname === '/pair' && options.devices && request.method === 'POST') {
    const body = await readLimitedBody(request, 4096, options.bodyIdleTimeoutMs ?? 15_000)
    const result = pairDevice(body.kind === 'ok' ? body.body : null, request.headers['user-agent'], options.devices)
    return sendJson(response, result.status, result.body)
  }
  if (isApi && requiresToken(options) && !isAuthorized(presentedToken(request, url), options)) {
    const message = options.devices
      ? 'This device is not paired (or was removed). Pair it again from "Use on your phone" on the computer.'
      : 'This server needs the access token it printed at start.'
    return sendJson(response, 401, wireError('UNAUTHORIZED', message))
  }
  if (isApi && options.devices && pathname.startsWith('/api/pairing.'))
    return sendJson(response, 403, wireError('UNAUTHORIZED', 'Phones are paired and removed on the computer itself.'))
  if (pathname === '/api/events' && request.method === 'GET') {
    // A device removed while its stream is open loses it at the next event or ping, not at its next call.
    const token = presentedToken(request, url)
    const isStillAllowed = options.devices ? () => isAuthorized(token, options) : () => true
    return streamEvents(response, options.events, sockets, isStillAllowed)
  }
  if (isApi) {
    if (request.method !== 'POST') return sendJson(response, 405, wireError('INVALID_INPUT', 'Use POST for API calls.'))
    const method = pathname.slice('/api/'.length)
    const body = await readApiBody(request, response, method, options, uploads)
    if (body === null) return
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (cause) {
      void cause
      return sendJson(response, 400, wireError('INVALID_INPUT', 'The request body is not valid JSON.'))
    }
    return sendJson(response, 200, await dispatch(options.handlers, method, input))
  }
  if (pathname === '/api-shim.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' })
    return void response.end(buildApiShim())
  }
  if (options.staticDir) return serveStatic(options.staticDir, pathname, response)
  sendJson(response, 404, wireError('NOT_FOUND', 'Not found.'))
}

function streamEvents(
  response: ServerResponse,
  events: EventBus,
  sockets: Set<ServerResponse>,
  isStillAllowed: () => boolean
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive'
  })
  response.write(': connected\n\n')
  sockets.add(response)
  const send = (text: string): void => {
    if (isStillAllowed()) response.write(text)
    else response.end()
  }
  const unsubscribe = events.subscribe((event, payload) => send(`data: ${JSON.stringify({ event, payload })}\n\n`))
  const keepAlive = setInterval(() => send(': ping\n\n'), 15_000)
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
  if (!requiresToken(options) && !LOOPBACK_HOSTS.has(hostname)) return false
  const origin = request.headers.origin
  if (!origin) return true
  try {
    return new URL(origin).host === host
  } catch (cause) {
    void cause
    return false
  }
}

/**
 * The body of an API call, within that method's cap (see bodyLimits): refused from Content-Length before reading,
 * or as soon as the stream passes the cap; a stalled body times out; uploads beyond the concurrent limit wait for
 * nothing and answer BUSY. Answers the refusal itself and returns null then.
 */
async function readApiBody(
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  options: HttpTransportOptions,
  uploads: { active: number }
): Promise<Buffer | null> {
  const limit = bodyLimitFor(method)
  const tooLarge = wireError(
    'INVALID_INPUT',
    `The request is too large (${Math.round(limit / 1024 / 1024)} MB at most).`
  )
  if (Number(request.headers['content-length'] ?? 0) > limit) return refuse(response, 413, tooLarge)
  const isUpload = isUploadMethod(method)
  if (isUpload && uploads.active >= (options.maxConcurrentUploads ?? 4))
    return refuse(response, 503, wireError('BUSY', 'Too many uploads at once; try again when one has finished.'))
  if (isUpload) uploads.active++
  try {
    const result = await readLimitedBody(request, limit, options.bodyIdleTimeoutMs ?? 15_000)
    if (result.kind === 'aborted') return null
    if (result.kind === 'too-large') return refuse(response, 413, tooLarge)
    if (result.kind === 'stalled')
      return refuse(response, 408, wireError('INVALID_INPUT', 'The request body stopped arriving; try again.'))
    return result.body
  } finally {
    if (isUpload) uploads.active--
  }
}

/** Answers and closes the connection: a refused body is never read to its end. */
function refuse(response: ServerResponse, status: number, body: WireResult<never>): null {
  const text = JSON.stringify(body)
  response.shouldKeepAlive = false
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    connection: 'close'
  })
  response.end(text, () => response.socket?.destroySoon())
  return null
}

function wireError(code: 'UNAUTHORIZED' | 'INVALID_INPUT' | 'NOT_FOUND' | 'BUSY', message: string): WireResult<never> {
  return { ok: false, error: { code, message } }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store'
  })
  response.end(text)
}

function closeServer(server: Server, sockets: Set<ServerResponse>): Promise<void> {
  for (const socket of sockets) socket.end()
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
