import { readdirSync, readFileSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { attachLanListener } from '../src/main/ipc/attachLanListener'
import { createHandlers, type Handlers } from '../src/main/ipc/handlers'
import { LanAccess } from '../src/main/pairing/LanAccess'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

interface Reply {
  status: number
  body: string
}

/** Every request goes to 127.0.0.1 on the LAN listener's port (it listens on 0.0.0.0; nothing is sent elsewhere). */
function send(port: number, path: string, body: string | null, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: body === null ? 'GET' : 'POST', headers, agent: false },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      }
    )
    req.on('error', reject)
    req.end(body ?? undefined)
  })
}

const call = (port: number, method: string, token?: string): Promise<Reply> =>
  send(port, `/api/${method}`, '{}', token ? { authorization: `Bearer ${token}` } : {})

/** Every file under the data folder, as bytes (SQLite, its WAL, JSON, the memory index). */
function allFiles(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFiles(path) : [readFileSync(path)]
  })
}

describe('pairing a phone over the LAN listener', () => {
  const tempDir = useTempDir()
  interface App {
    core: Core
    lan: LanAccess
    handlers: Handlers
    close(): Promise<void>
  }
  const apps: App[] = []
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close()
  })
  /** The app as an entry point runs it: the core, LAN access beside it, the LAN listener attached. */
  const open = async (dataDir: string): Promise<App> => {
    const core = await createTestCore(dataDir)
    const lan = LanAccess.open(core.config)
    const handlers = createHandlers(core, 'http', { lan })
    await attachLanListener(lan, core, handlers, null)
    const app = {
      core,
      lan,
      handlers,
      async close() {
        await lan.dispose()
        await core.dispose()
      }
    }
    apps.push(app)
    return app
  }
  const pairByQrPayload = async ({
    handlers
  }: App): Promise<{ port: number; deviceToken: string; pairingToken: string }> => {
    const status = await handlers['pairing.setLan']({ isOn: true })
    const { url } = await handlers['pairing.start']({})
    const pairingToken = new URL(url).searchParams.get('pair')!
    const port = status.port!
    expect(new URL(url).port).toBe(String(port))
    const paired = await send(port, '/pair', JSON.stringify({ pairingToken }), {
      'user-agent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36'
    })
    expect(paired.status).toBe(200)
    return {
      port,
      pairingToken,
      deviceToken: (JSON.parse(paired.body) as { value: { deviceToken: string } }).value.deviceToken
    }
  }

  it('is off by default, and once on refuses every call without a paired device token', async () => {
    const { handlers } = await open(tempDir())
    expect(await handlers['pairing.status']({})).toMatchObject({ isAvailable: true, isLanOn: false, port: null })
    const { port } = await handlers['pairing.setLan']({ isOn: true })
    expect(port).toBeGreaterThan(0)
    const bare = await call(port!, 'characters.list')
    expect(bare.status).toBe(401)
    expect(JSON.parse(bare.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect((await call(port!, 'characters.list', 'not-a-device-token')).status).toBe(401)
    expect((await send(port!, '/api/events?token=guess', null)).status).toBe(401)
    // A foreign Origin stays refused even on the LAN listener (a web page the phone visits cannot call in).
    expect((await send(port!, '/pair', '{}', { origin: 'http://evil.example' })).status).toBe(403)
    await handlers['pairing.setLan']({ isOn: false })
    await expect(call(port!, 'characters.list')).rejects.toThrow(/ECONNREFUSED/)
  })

  it('pairs by the QR payload once, and the device keeps working after a restart on the same data folder', async () => {
    const dataDir = tempDir()
    const first = await open(dataDir)
    const { port, deviceToken, pairingToken } = await pairByQrPayload(first)
    const list = await call(port, 'characters.list', deviceToken)
    expect(list.status).toBe(200)
    expect(JSON.parse(list.body)).toMatchObject({ value: [{ name: 'Aiko' }] })
    // The pairing code is one-time.
    expect((await send(port, '/pair', JSON.stringify({ pairingToken }))).status).toBe(401)
    // Pairing is managed on the computer only: a paired phone cannot pair others or remove devices.
    expect((await call(port, 'pairing.start', deviceToken)).status).toBe(403)
    const devices = (await first.handlers['pairing.status']({})).devices
    expect(devices).toEqual([expect.objectContaining({ name: 'Android phone · Chrome' })])

    await apps.splice(0)[0]!.close()
    const second = await open(dataDir)
    const restored = second.lan.status()
    expect(restored.isLanOn).toBe(true)
    const again = await call(restored.port!, 'characters.list', deviceToken)
    expect(again.status).toBe(200)
  })

  it('refuses a revoked device at once, including its open event stream', async () => {
    const app = await open(tempDir())
    const { core, handlers } = app
    const { port, deviceToken } = await pairByQrPayload(app)
    const other = await pairByQrPayload(app)
    const { devices } = await handlers['pairing.status']({})
    expect(devices).toHaveLength(2)

    const streamEnded = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(deviceToken)}` },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString()))
          res.on('end', () => resolve(text))
        }
      )
      req.on('error', reject)
      req.end()
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await handlers['pairing.revoke']({ id: devices[0]!.id })
    expect((await call(port, 'characters.list', deviceToken)).status).toBe(401)
    core.events.emit('models.progress', { path: '/x.gguf', progress: 0.5 })
    expect(await streamEnded).not.toContain('models.progress')
    // The other device is untouched.
    expect((await call(port, 'characters.list', other.deviceToken)).status).toBe(200)
  })

  it('keeps only hashes in the data folder, never a token in clear text', async () => {
    const dataDir = tempDir()
    const app = await open(dataDir)
    const { port, deviceToken, pairingToken } = await pairByQrPayload(app)
    await call(port, 'characters.list', deviceToken)
    await apps.splice(0)[0]!.close()
    const files = allFiles(dataDir)
    expect(files.length).toBeGreaterThan(2)
    for (const secret of [deviceToken, pairingToken])
      for (const file of files) expect(file.includes(secret)).toBe(false)
    const stored = readFileSync(join(dataDir, 'paired-devices.json'), 'utf8')
    expect(stored).toMatch(/"tokenHash": "[0-9a-f]{64}"/)
  })
})
