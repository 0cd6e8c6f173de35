import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TokenBatcher } from './TokenBatcher'

describe('TokenBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function collect(intervalMs?: number): { batcher: TokenBatcher; sent: [string, number][] } {
    const sent: [string, number][] = []
    return { batcher: new TokenBatcher((text, seq) => sent.push([text, seq]), intervalMs), sent }
  }

  it('sends the tokens of one interval as one event, 30 ms after the first by default', () => {
    const { batcher, sent } = collect()
    batcher.push('Hel')
    vi.advanceTimersByTime(10)
    batcher.push('lo')
    vi.advanceTimersByTime(19)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([['Hello', 0]])
  })

  it('numbers the events in order and starts a new interval after each', () => {
    const { batcher, sent } = collect(50)
    batcher.push('a')
    vi.advanceTimersByTime(50)
    batcher.push('b')
    batcher.push('c')
    vi.advanceTimersByTime(49)
    expect(sent).toEqual([['a', 0]])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([
      ['a', 0],
      ['bc', 1]
    ])
  })

  it('flush sends what is pending at once and cancels the timer', () => {
    const { batcher, sent } = collect()
    batcher.push('end')
    batcher.flush()
    expect(sent).toEqual([['end', 0]])
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([['end', 0]])
    batcher.push('more')
    vi.advanceTimersByTime(30)
    expect(sent).toEqual([
      ['end', 0],
      ['more', 1]
    ])
  })

  it('a flush mid-interval restarts the interval for the tokens after it', () => {
    const { batcher, sent } = collect()
    batcher.push('a')
    vi.advanceTimersByTime(20)
    batcher.flush()
    batcher.push('b')
    vi.advanceTimersByTime(29)
    expect(sent).toEqual([['a', 0]])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([
      ['a', 0],
      ['b', 1]
    ])
  })

  it('sends nothing when nothing is pending, and skips no sequence number for it', () => {
    const { batcher, sent } = collect()
    batcher.flush()
    batcher.push('')
    vi.advanceTimersByTime(30)
    batcher.flush()
    expect(sent).toEqual([])
    batcher.push('x')
    batcher.flush()
    expect(sent).toEqual([['x', 0]])
  })
})
