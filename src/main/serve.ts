/**
 * Browser mode: the same core as the Electron app, in plain Node, with the renderer served over HTTP.
 * `npm run serve -- --port N [--data-dir DIR] [--host ADDR] [--models-dir DIR]`
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildConfig } from './config'
import { CoreHost } from './CoreHost'
import { createHandlers } from './ipc/handlers'
import { startHttpTransport } from './ipc/httpTransport'
import { attachLanListener } from './ipc/attachLanListener'
import { LanAccess } from './pairing/LanAccess'
import { installProcessGuards } from './util/installProcessGuards'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

function appRoot(): string {
  // out/main/serve.js -> project root; also right when run from src/main with tsx.
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..')
}

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? (process.platform === 'win32' ? process.env.APPDATA : undefined)
  if (base) return join(base, 'ai-anime')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ai-anime')
  return join(homedir(), '.local', 'share', 'ai-anime')
}

async function main(): Promise<void> {
  // A failure that escaped its request is logged and the server keeps serving; only a loop of them ends it.
  installProcessGuards('serve', {
    onFatal: () => {
      console.error('[serve] failures keep coming; stopping. Restart with `npm run serve`.')
      process.exit(1)
    }
  })
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5417' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' }
    }
  })
  const root = appRoot()
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
  const config = buildConfig({
    dataDir,
    resourcesDir: join(root, 'resources'),
    ...(values['models-dir'] ? { modelsDir: resolve(values['models-dir']) } : {})
  })
  const isLoopback = LOOPBACK.has(values.host)
  const token = isLoopback ? null : randomBytes(18).toString('base64url')
  const host = await CoreHost.open(config)
  const core = host.view
  const staticDir = join(root, 'out', 'renderer')
  const hasRenderer = existsSync(join(staticDir, 'index.html'))
  const lan = LanAccess.open(config)
  const handlers = createHandlers(core, 'http', { host, lan })
  await attachLanListener(lan, core, handlers, hasRenderer ? staticDir : null)
  const server = await startHttpTransport({
    handlers,
    events: core.events,
    host: values.host,
    port: Number(values.port),
    token,
    staticDir: hasRenderer ? staticDir : null
  })
  console.log(`Ai Anime is running at ${server.url}${token ? `?token=${token}` : ''}`)
  console.log(`Data folder: ${config.dataDir}`)
  console.log(`Models folder: ${config.modelsDir}`)
  if (token) console.log('Bound beyond loopback: every request needs the token above.')
  const lanStatus = lan.status()
  if (lanStatus.isLanOn) console.log(`LAN access is on (paired devices only): ${lanStatus.urls.join(' ')}`)
  const stop = async (): Promise<void> => {
    await server.close()
    await lan.dispose()
    await host.dispose()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
