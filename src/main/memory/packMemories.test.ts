import { describe, expect, it } from 'vitest'
import { makeMemory } from '../../../tests/helpers/makeMemory'
import { estimateTokens, packMemories } from './packMemories'

/** One token a word: easy to reason about budgets. */
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length

describe('packMemories', () => {
  it('writes one dated line per memory under the header, in ranked order', () => {
    const ranked = [
      makeMemory('a', { text: 'Alex likes tea', validFrom: '2026-11-03T09:00:00.000Z' }),
      makeMemory('b', { text: 'Alex has a cat', validFrom: '2026-10-20T23:59:00.000Z' })
    ]
    const packed = packMemories(ranked, 1000, words, 'Memories')
    expect(packed.block).toBe('[Memories]\n- [2026-11-03] Alex likes tea\n- [2026-10-20] Alex has a cat')
    expect(packed.used.map((m) => m.id)).toEqual(['a', 'b'])
    // header 1 + 2, then each line's words + 1
    expect(packed.tokens).toBe(1 + 2 + (5 + 1) + (6 + 1))
  })

  it('marks a fact that is no longer true with the day it ended', () => {
    const past = makeMemory('a', {
      text: 'Alex lives in Tokyo',
      validFrom: '2026-01-05T00:00:00.000Z',
      validTo: '2026-09-14T08:00:00.000Z'
    })
    expect(packMemories([past], 1000, words, 'H').block).toBe(
      '[H]\n- [2026-01-05] Alex lives in Tokyo (no longer true since 2026-09-14)'
    )
  })

  it('skips what does not fit and still takes smaller memories after it', () => {
    const ranked = [
      makeMemory('short', { text: 'one' }),
      makeMemory('long', { text: 'one two three four five six seven eight' }),
      makeMemory('short2', { text: 'two' })
    ]
    // header 3 tokens; each short line costs 3 + 1 = 4; the long one 10 + 1
    const packed = packMemories(ranked, 3 + 4 + 4, words, 'H')
    expect(packed.used.map((m) => m.id)).toEqual(['short', 'short2'])
    expect(packed.tokens).toBe(11)
  })

  it('fills the budget exactly and not one token over', () => {
    const ranked = [makeMemory('a', { text: 'one' }), makeMemory('b', { text: 'two' })]
    expect(packMemories(ranked, 7, words, 'H').used).toHaveLength(1)
    expect(packMemories(ranked, 10, words, 'H').used).toHaveLength(1)
    expect(packMemories(ranked, 11, words, 'H').used).toHaveLength(2)
  })

  it('returns an empty block and no tokens when nothing fits or nothing was recalled', () => {
    expect(packMemories([], 1000, words, 'H')).toEqual({ used: [], block: '', tokens: 0 })
    expect(packMemories([makeMemory('a')], 3, words, 'H')).toEqual({ used: [], block: '', tokens: 0 })
  })
})

describe('estimateTokens', () => {
  it('counts about four characters a token, rounding up', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('abcd')).toBe(1)
    expect(estimateTokens('abcde')).toBe(2)
  })
})
