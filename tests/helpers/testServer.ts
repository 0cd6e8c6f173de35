import { join } from 'node:path'
import type { Core } from '../../src/main/core'
import { createHandlers } from '../../src/main/ipc/handlers'
import { startHttpTransport, type HttpTransport } from '../../src/main/ipc/httpTransport'
import type { CoreHost } from '../../src/main/CoreHost'
import { createTestHost } from './testCore'

export interface TestServer {
  /** Forwards to the host's current core (a restore replaces it). */
  core: Core
  host: CoreHost
  server: HttpTransport
  close(): Promise<void>
}

/** The real core behind the real HTTP transport, serving the built renderer: browser mode, in-process. */
export async function startTestServer(dataDir: string): Promise<TestServer> {
  const host = await createTestHost(dataDir)
  const core = host.view
  const server = await startHttpTransport({
    handlers: createHandlers(core, 'http', { host }),
    events: core.events,
    host: '127.0.0.1',
    port: 0,
    token: null,
    staticDir: join(process.cwd(), 'out', 'renderer')
  })
  return {
    core,
    host,
    server,
    async close() {
      await server.close()
      await host.dispose()
    }
  }
}
