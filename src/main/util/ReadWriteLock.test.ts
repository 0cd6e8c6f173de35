import { describe, expect, it } from 'vitest'
import { ReadWriteLock } from './ReadWriteLock'

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))

describe('ReadWriteLock', () => {
  it('runs readers together, a writer alone, and a waiting writer before later readers', async () => {
    const lock = new ReadWriteLock()
    const log: string[] = []
    const job = (name: string) => async () => {
      log.push(`${name}+`)
      await tick()
      log.push(`${name}-`)
    }
    const runs = [lock.read(job('r1')), lock.read(job('r2')), lock.write(job('w')), lock.read(job('r3'))]
    await Promise.all(runs)
    expect(log).toEqual(['r1+', 'r2+', 'r1-', 'r2-', 'w+', 'w-', 'r3+', 'r3-'])
  })

  it('releases the lock when a job fails', async () => {
    const lock = new ReadWriteLock()
    await expect(lock.write(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(lock.read(() => Promise.resolve(1))).resolves.toBe(1)
  })
})
