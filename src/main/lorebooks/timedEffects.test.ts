import { describe, expect, it } from 'vitest'
import type { LoreEntry } from '../../shared/domain'
import { defaultLoreEntry } from './loreTypes'
import { checkTimedEffects, setTimedEffects, type TimedEffect } from './timedEffects'

const entry = (id: string, patch: Partial<LoreEntry>): LoreEntry => ({ ...defaultLoreEntry(0), id, ...patch })

/** One scan at `chatLength`: the state it sees, then the effects it leaves when `fired` fire. */
function scanAt(stored: TimedEffect[], entries: LoreEntry[], chatLength: number, fired: LoreEntry[] = []) {
  const { state, effects } = checkTimedEffects(stored, entries, chatLength)
  return { state, effects: setTimedEffects(effects, fired, chatLength) }
}

describe("timed effects follow SillyTavern's WorldInfoTimedEffects (counted in chat messages)", () => {
  it('sticky N keeps a fired entry active until the chat has N more messages', () => {
    const e = entry('e', { sticky: 2 })
    const first = scanAt([], [e], 5, [e])
    expect(first.effects).toEqual([{ entryId: 'e', kind: 'sticky', start: 5, end: 7, isProtected: false }])
    expect(scanAt(first.effects, [e], 6).state.sticky.has('e')).toBe(true)
    const ended = scanAt(first.effects, [e], 7)
    expect(ended.state.sticky.has('e')).toBe(false)
    expect(ended.effects).toEqual([])
  })

  it('a scan at the same chat length (a new version of the reply) drops the unprotected effect, so it rolls again', () => {
    const e = entry('e', { sticky: 3, cooldown: 3 })
    const first = scanAt([], [e], 5, [e])
    const again = checkTimedEffects(first.effects, [e], 5)
    expect(again.effects).toEqual([])
    expect(again.state.sticky.size + again.state.cooldown.size).toBe(0)
  })

  it('cooldown N keeps a fired entry out for N messages', () => {
    const e = entry('e', { cooldown: 4 })
    const first = scanAt([], [e], 2, [e])
    expect(scanAt(first.effects, [e], 4).state.cooldown.has('e')).toBe(true)
    expect(scanAt(first.effects, [e], 5).state.cooldown.has('e')).toBe(true)
    expect(scanAt(first.effects, [e], 6).state.cooldown.has('e')).toBe(false)
  })

  it('a sticky entry with a cooldown goes on cooldown when the sticky ends, protected from the same-length rule', () => {
    const e = entry('e', { sticky: 2, cooldown: 3 })
    const fired = scanAt([], [e], 5, [e])
    const whileSticky = scanAt(fired.effects, [e], 6, [e])
    expect(whileSticky.state.sticky.has('e')).toBe(true)
    const ended = scanAt(whileSticky.effects, [e], 7)
    expect(ended.state.sticky.has('e')).toBe(false)
    expect(ended.state.cooldown.has('e')).toBe(true)
    expect(ended.effects).toContainEqual({ entryId: 'e', kind: 'cooldown', start: 7, end: 10, isProtected: true })
    // The same chat length again (regenerating) keeps the protected cooldown.
    expect(checkTimedEffects(ended.effects, [e], 7).state.cooldown.has('e')).toBe(true)
    expect(checkTimedEffects(ended.effects, [e], 10).state.cooldown.has('e')).toBe(false)
  })

  it('delay N holds an entry until the chat has N messages', () => {
    const e = entry('e', { delay: 4 })
    expect(checkTimedEffects([], [e], 3).state.delayed.has('e')).toBe(true)
    expect(checkTimedEffects([], [e], 4).state.delayed.has('e')).toBe(false)
  })

  it("keeps a missing entry's effect (another character's book) until its end; drops one whose entry no longer has it", () => {
    const effect: TimedEffect = { entryId: 'gone', kind: 'sticky', start: 1, end: 9, isProtected: false }
    expect(checkTimedEffects([effect], [], 4).effects).toEqual([effect])
    expect(checkTimedEffects([effect], [], 9).effects).toEqual([])
    expect(checkTimedEffects([{ ...effect, entryId: 'e' }], [entry('e', { sticky: 0 })], 4).effects).toEqual([])
  })

  it('does not restart a running effect when the entry fires again', () => {
    const e = entry('e', { sticky: 4 })
    const first = scanAt([], [e], 2, [e])
    expect(scanAt(first.effects, [e], 4, [e]).effects).toEqual(first.effects)
  })
})
