import { describe, expect, it, vi } from 'vitest'
import { PendingIngests } from './PendingIngests'

describe('PendingIngests', () => {
  it('runs each job once, oldest first, skipping the excepted message until a later flush', async () => {
    const pending = new PendingIngests()
    const ran: string[] = []
    const job = (id: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      ran.push(id)
    }
    pending.add('chat', 'm1', job('m1'))
    pending.add('chat', 'm2', job('m2'))
    pending.add('other', 'x', job('x'))
    await pending.flush('chat', 'm2')
    expect(ran).toEqual(['m1'])
    await Promise.all([pending.flush('chat'), pending.flush('chat')])
    await pending.flush('chat')
    expect(ran).toEqual(['m1', 'm2'])
    await pending.flush('other')
    expect(ran).toEqual(['m1', 'm2', 'x'])
  })

  it('a concurrent flush waits for a job another flush started, and a failing job is logged, not thrown', async () => {
    const pending = new PendingIngests()
    let done = false
    pending.add('chat', 'slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      done = true
    })
    const first = pending.flush('chat')
    await pending.flush('chat')
    expect(done).toBe(true)
    await first
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    pending.add('chat', 'bad', () => Promise.reject(new Error('disk full')))
    await expect(pending.flush('chat')).resolves.toBeUndefined()
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})
