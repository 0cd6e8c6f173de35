import { describe, expect, it } from 'vitest'
import { SerialQueue } from './SerialQueue'

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('SerialQueue', () => {
  it('runs jobs one at a time, in the order given, and returns each result', async () => {
    const queue = new SerialQueue()
    const log: string[] = []
    const gate = deferred()
    const first = queue.run(async () => {
      log.push('first start')
      await gate.promise
      log.push('first end')
      return 1
    })
    const second = queue.run(async () => {
      log.push('second')
      return 2
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(log).toEqual(['first start'])
    gate.resolve()
    expect(await Promise.all([first, second])).toEqual([1, 2])
    expect(log).toEqual(['first start', 'first end', 'second'])
  })

  it('goes on with the next job after one fails, and rejects only the failed one', async () => {
    const queue = new SerialQueue()
    const failed = queue.run(() => Promise.reject(new Error('boom')))
    const next = queue.run(async () => 'ok')
    await expect(failed).rejects.toThrow('boom')
    expect(await next).toBe('ok')
  })

  it('counts the jobs waiting or running', async () => {
    const queue = new SerialQueue()
    expect(queue.size).toBe(0)
    const gate = deferred()
    const a = queue.run(() => gate.promise)
    const b = queue.run(() => Promise.reject(new Error('x')))
    expect(queue.size).toBe(2)
    gate.resolve()
    await a
    await expect(b).rejects.toThrow('x')
    await new Promise((resolve) => setImmediate(resolve))
    expect(queue.size).toBe(0)
  })

  it('settles once every job queued so far has ended, failed ones included', async () => {
    const queue = new SerialQueue()
    const gate = deferred()
    const ended: string[] = []
    void queue.run(async () => {
      await gate.promise
      ended.push('first')
    })
    queue.run(() => Promise.reject(new Error('second fails'))).catch(() => ended.push('second'))
    const settled = queue.settle().then(() => ended.push('settled'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(ended).toEqual([])
    gate.resolve()
    await settled
    expect(ended).toEqual(['first', 'second', 'settled'])
  })
})
