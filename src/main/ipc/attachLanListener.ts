import type { Core } from '../core'
import type { LanAccess } from '../pairing/LanAccess'
import type { Handlers } from './handlers'
import { startHttpTransport } from './httpTransport'

/**
 * Lets "Use on your phone" listen on the home network: the same HTTP transport as browser mode, on 0.0.0.0, where
 * every API call needs a paired device's token. Used by both entry points (Electron main and `npm run serve`);
 * starts listening again if LAN access was on when the app last closed.
 */
export async function attachLanListener(
  lan: LanAccess,
  core: Core,
  handlers: Handlers,
  staticDir: string | null,
  host = '0.0.0.0'
): Promise<void> {
  lan.attach((port) =>
    startHttpTransport({ handlers, events: core.events, host, port, token: null, devices: lan.pairing, staticDir })
  )
  await lan.restore()
}
