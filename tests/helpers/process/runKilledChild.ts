import { spawnSync } from 'node:child_process'
import { expect } from 'vitest'

/**
 * Runs a crash-test child (`node --import tsx SCRIPT DATA_DIR`) that kills itself with SIGKILL, checks that it did,
 * and returns the JSON object on the last line it printed (the ids the parent checks).
 */
export function runKilledChild<T>(script: string, dataDir: string): T {
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, dataDir], { encoding: 'utf8', timeout: 90_000 })
  expect(child.signal, child.stderr).toBe('SIGKILL')
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T
}
