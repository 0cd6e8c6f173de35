import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { API_METHODS, channelOf } from '../../src/shared/contract'
import { useTempDir } from '../helpers/tempDir'

// The e2e project's global setup builds out/ (electron-vite build), as the packaged app ships it.
const mainBundle = resolve('out/main/index.js')
const preloadBundle = resolve('out/preload/index.cjs')

interface StandInReport {
  handled: string[]
  removed: string[]
  windows: { options: { webPreferences: Record<string, unknown> }; loaded: { file?: string; url?: string } | null }[]
  errorBoxes: string[]
  quitPrevented: boolean
  exitCode: number | null
}

describe('the Electron shell, run in plain Node with a stand-in electron module', () => {
  const tempDir = useTempDir()

  it('starts the core, binds every contract method, opens a sandboxed window, and quits disposing the core', () => {
    const dataDir = tempDir()
    const reportPath = join(dataDir, 'report.json')
    const run = spawnSync(
      process.execPath,
      ['--import', resolve('tests/helpers/electronStandIn/register.mjs'), mainBundle],
      {
        env: { ...process.env, ELECTRON_STAND_IN_DATA_DIR: dataDir, ELECTRON_STAND_IN_REPORT: reportPath },
        encoding: 'utf8',
        timeout: 120_000
      }
    )
    expect(run.status, run.stderr).toBe(0)
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as StandInReport
    expect(report.errorBoxes).toEqual([])
    expect([...report.handled].sort()).toEqual(API_METHODS.map(channelOf).sort())
    expect(report.windows).toHaveLength(1)
    const [window] = report.windows
    expect(window!.options.webPreferences).toMatchObject({
      preload: preloadBundle,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    })
    expect(window!.loaded).toEqual({ file: resolve('out/renderer/index.html') })
    // Closing the last window quits; the shell holds the quit until the core is disposed, then exits 0.
    expect(report.quitPrevented).toBe(true)
    expect(report.exitCode).toBe(0)
    expect([...report.removed].sort()).toEqual(API_METHODS.map(channelOf).sort())
    // A closed SQLite database in WAL mode leaves no -wal file; the data written at start is all there.
    const userData = join(dataDir, 'userData')
    expect(readdirSync(userData).filter((name) => name.endsWith('-wal'))).toEqual([])
    const db = new Database(join(userData, 'ai-anime.sqlite'), { readonly: true })
    try {
      expect((db.prepare('SELECT count(*) AS n FROM characters').get() as { n: number }).n).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  })

  it('has a preload that needs nothing but electron (a sandboxed preload can require nothing else)', () => {
    expect(existsSync(preloadBundle)).toBe(true)
    const required: string[] = []
    const invoked: [string, unknown][] = []
    let exposed: Record<string, unknown> = {}
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: Record<string, unknown>) => {
          expect(key).toBe('api')
          exposed = value
        }
      },
      ipcRenderer: {
        invoke: (channel: string, input: unknown) => {
          invoked.push([channel, input])
          return Promise.resolve(null)
        },
        on: () => undefined,
        removeListener: () => undefined
      },
      webUtils: { getPathForFile: () => '' }
    }
    const sandboxRequire = (name: string): unknown => {
      required.push(name)
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`)
      return electron
    }
    const module = { exports: {} }
    runInNewContext(readFileSync(preloadBundle, 'utf8'), { require: sandboxRequire, module, exports: module.exports })
    expect(required).toEqual(['electron'])
    for (const method of API_METHODS) {
      const [namespace, name] = method.split('.') as [string, string]
      const call = (exposed[namespace] as Record<string, (input: unknown) => Promise<unknown>> | undefined)?.[name]
      expect(typeof call, method).toBe('function')
    }
    const characters = exposed.characters as { list: (input?: unknown) => Promise<unknown> }
    void characters.list()
    expect(invoked).toEqual([['api:characters.list', {}]])
    expect(typeof exposed.on).toBe('function')
  })
})
