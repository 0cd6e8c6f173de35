import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

function hasElectronBinary(): boolean {
  const record = 'node_modules/electron/path.txt'
  return existsSync(record) && existsSync(`node_modules/electron/dist/${readFileSync(record, 'utf8').trim()}`)
}

describe('npm start without an Electron binary', () => {
  it.skipIf(hasElectronBinary())('says so and points to npm run serve', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], { encoding: 'utf8', timeout: 30_000 })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Electron is not installed')
    expect(result.stderr).toContain('npm run serve')
  })
})
