import { join } from 'node:path'
import type { Core } from '../../src/main/core'
import { createHandlers } from '../../src/main/ipc/handlers'
import { startHttpTransport, type HttpTransport } from '../../src/main/ipc/httpTransport'
import type { CoreHost } from '../../src/main/CoreHost'
import { createTestHost } from './testCore'
import { LanAccess } from '../../src/main/pairing/LanAccess'
import { attachLanListener } from '../../src/main/ipc/attachLanListener'

export interface TestServer {
  /** Forwards to the host's current core (a restore replaces it). */
  core: Core
  host: CoreHost
  /** "Use on your phone": attached (listening on 0.0.0.0 only once turned on, on a free port). */
  lan: LanAccess
  server: HttpTransport
  close(): Promise<void>
}

/** The real core behind the real HTTP transport, serving the built renderer: browser mode, in-process. */
export async function startTestServer(dataDir: string): Promise<TestServer> {
  const host = await createTestHost(dataDir)
  const core = host.view
  const staticDir = join(process.cwd(), 'out', 'renderer')
  const lan = LanAccess.open(host.current.config)
  const handlers = createHandlers(core, 'http', { host, lan })
  await attachLanListener(lan, core, handlers, staticDir)
  const server = await startHttpTransport({
    handlers,
    events: core.events,
    host: '127.0.0.1',
    port: 0,
    token: null,
    staticDir
  })
  return {
    core,
    host,
    lan,
    server,
    async close() {
      await server.close()
      await lan.dispose()
      await host.dispose()
    }
  }
}
