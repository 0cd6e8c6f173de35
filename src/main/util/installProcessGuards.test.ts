import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { describeError, installProcessGuards } from './installProcessGuards'

const fixture = resolve(import.meta.dirname, '../../../tests/helpers/process/guardedProcess.ts')
const runFixture = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', fixture, ...args], { encoding: 'utf8', timeout: 60_000 })

describe('installProcessGuards', () => {
  it('keeps a process serving after an uncaught exception and an unhandled rejection, logging both with context', () => {
    const guarded = runFixture('--guarded')
    expect(guarded.status).toBe(0)
    expect(guarded.stdout).toBe('alive')
    expect(guarded.stderr).toContain('[fixture] uncaught uncaughtException')
    expect(guarded.stderr).toContain('Error: boom from a timer <- caused by AppError NOT_FOUND: the chat is gone')
    expect(guarded.stderr).toContain('[fixture] unhandled rejection')
    expect(guarded.stderr).toContain('AppError MODEL_FILE_INVALID: a rejected promise nobody awaited')
    // The same script without the guards dies: the fixture does provoke a crash.
    const unguarded = runFixture()
    expect(unguarded.status).not.toBe(0)
    expect(unguarded.stdout).toBe('')
  })

  it('calls the last resort once when failures come in a burst', () => {
    const lines: string[] = []
    const fatal: unknown[] = []
    const uninstall = installProcessGuards('burst', {
      log: (line) => lines.push(line),
      onFatal: (error) => fatal.push(error),
      burstLimit: 3
    })
    try {
      for (let i = 0; i < 5; i++) process.emit('unhandledRejection', new Error(`failure ${i}`), Promise.resolve())
    } finally {
      uninstall()
    }
    expect(lines).toHaveLength(5)
    expect(fatal).toHaveLength(1)
    expect(String(fatal[0])).toContain('failure 2')
  })

  it('describes values that are not errors without throwing', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(describeError(circular)).toContain('unprintable')
    expect(describeError(new AppError('BUSY', 'x'))).toContain('AppError BUSY: x')
  })
})
