import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Paired devices (the LAN listener): checks their tokens and turns a one-time pairing token into a device token. */
export interface DeviceGate {
  verify(deviceToken: string): boolean
  pair(pairingToken: string, name: string): { deviceToken: string }
}

interface AuthOptions {
  token: string | null
  devices?: DeviceGate | null
}

/** Loopback without a token stays open (the desktop's own browser); anything else needs one. */
export function requiresToken(options: AuthOptions): boolean {
  return options.token !== null || Boolean(options.devices)
}

/** From the Authorization header, or the query for EventSource, which cannot set headers. */
export function presentedToken(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length)
  return url.searchParams.get('token')
}

export function isAuthorized(token: string | null, options: AuthOptions): boolean {
  if (!token) return false
  if (options.token !== null && isSameSecret(token, options.token)) return true
  return options.devices?.verify(token) ?? false
}

/** Constant-time: both sides hashed to one length first, so neither length nor content shows in the timing. */
function isSameSecret(a: string, b: string): boolean {
  const hash = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(hash(a), hash(b))
}
