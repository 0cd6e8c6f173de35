import { describe, expect, it } from 'vitest'
import { ChatPriority } from './ChatPriority'

/** Whether `promise` has settled once the microtasks queued so far have run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  void promise.then(
    () => (settled = true),
    () => (settled = true)
  )
  await new Promise((resolve) => setImmediate(resolve))
  return settled
}

describe('ChatPriority', () => {
  it('is idle at once when no reply is being written', async () => {
    expect(await isSettled(new ChatPriority().whenIdle())).toBe(true)
  })

  it('keeps background work waiting until the last of overlapping replies ends', async () => {
    const priority = new ChatPriority()
    priority.replyStarted()
    priority.replyStarted()
    const idle = priority.whenIdle()
    expect(await isSettled(idle)).toBe(false)
    priority.replyEnded()
    expect(await isSettled(idle)).toBe(false)
    priority.replyEnded()
    expect(await isSettled(idle)).toBe(true)
  })

  it('does not count below zero when a reply ends twice', async () => {
    const priority = new ChatPriority()
    priority.replyEnded()
    priority.replyStarted()
    const idle = priority.whenIdle()
    expect(await isSettled(idle)).toBe(false)
    priority.replyEnded()
    expect(await isSettled(idle)).toBe(true)
  })

  it('waits again when a new reply starts before a woken waiter resumes', async () => {
    const priority = new ChatPriority()
    priority.replyStarted()
    const idle = priority.whenIdle()
    priority.replyEnded()
    priority.replyStarted()
    expect(await isSettled(idle)).toBe(false)
    priority.replyEnded()
    expect(await isSettled(idle)).toBe(true)
  })

  it('aborts running background generations when a reply starts, and marks them pre-empted', () => {
    const priority = new ChatPriority()
    const first = priority.yieldingSignal()
    const second = priority.yieldingSignal()
    expect(first.signal.aborted).toBe(false)
    priority.replyStarted()
    expect(first.signal.aborted && second.signal.aborted).toBe(true)
    expect(first.wasPreempted()).toBe(true)
  })

  it('passes on an outer abort, which is not a pre-emption', () => {
    const priority = new ChatPriority()
    const outer = new AbortController()
    const job = priority.yieldingSignal(outer.signal)
    expect(job.wasPreempted()).toBe(false)
    outer.abort()
    expect(job.signal.aborted).toBe(true)
    expect(job.wasPreempted()).toBe(false)
  })

  it('releases a generation that has no outer signal', () => {
    const priority = new ChatPriority()
    const job = priority.yieldingSignal()
    job.release()
    priority.replyStarted()
    expect(job.signal.aborted).toBe(false)
  })

  it('leaves a released generation alone: neither a reply nor the outer signal aborts it', () => {
    const priority = new ChatPriority()
    const outer = new AbortController()
    const job = priority.yieldingSignal(outer.signal)
    job.release()
    priority.replyStarted()
    outer.abort()
    expect(job.signal.aborted).toBe(false)
    expect(job.wasPreempted()).toBe(false)
  })
})
