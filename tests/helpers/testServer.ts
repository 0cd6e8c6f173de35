import { join } from 'node:path'
import type { Core } from '../../src/main/core'
import { createHandlers } from '../../src/main/ipc/handlers'
import { startHttpTransport, type HttpTransport } from '../../src/main/ipc/httpTransport'
import { createTestCore } from './testCore'

export interface TestServer {
  core: Core
  server: HttpTransport
  close(): Promise<void>
}

/** The real core behind the real HTTP transport, serving the built renderer: browser mode, in-process. */
export async function startTestServer(dataDir: string): Promise<TestServer> {
  const core = await createTestCore(dataDir)
  const server = await startHttpTransport({
    handlers: createHandlers(core, 'http'),
    events: core.events,
    host: '127.0.0.1',
    port: 0,
    token: null,
    staticDir: join(process.cwd(), 'out', 'renderer')
  })
  return {
    core,
    server,
    async close() {
      await server.close()
      await core.dispose()
    }
  }
}
