import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { malformedGgufs } from '../../../tests/helpers/gguf/malformedGgufs'
import { storiesModel } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'

const child = resolve(import.meta.dirname, '../../../tests/helpers/gguf/hostileModelsChild.ts')

describe('hostile GGUF files in the models folder (issue 13, findings 3 and 13)', () => {
  const tempDir = useTempDir()

  it('are refused with typed errors by inspect, add, load and list, and the process lives to reply', () => {
    const modelsDir = join(tempDir(), 'models')
    mkdirSync(modelsDir)
    const hostile = malformedGgufs()
    for (const [name, bytes] of Object.entries(hostile)) writeFileSync(join(modelsDir, name), bytes)
    copyFileSync(storiesModel, join(modelsDir, 'good.gguf'))
    // A separate process: the old code died here with SIGABRT/SIGILL, which must fail this test, not vitest.
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, modelsDir, ...Object.keys(hostile)], {
      encoding: 'utf8',
      timeout: 100_000
    })
    expect(run.signal, run.stderr.slice(-2000)).toBeNull()
    expect(run.status, run.stderr.slice(-2000)).toBe(0)
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      calls: Record<string, Record<string, string>>
      listed: string[]
      listedAgain: string[]
      replyTokens: number
    }
    for (const name of Object.keys(hostile))
      expect(result.calls[name], name).toEqual({
        inspect: 'MODEL_FILE_INVALID',
        add: 'MODEL_FILE_INVALID',
        load: 'MODEL_FILE_INVALID'
      })
    expect(result.listed).toEqual(['good.gguf'])
    expect(result.listedAgain).toEqual(['good.gguf'])
    expect(result.replyTokens).toBeGreaterThan(0)
  })
})
