import type { Token } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { keptHistoryStart } from './dropCutTokens'

const run = (from: number, length: number): Token[] => Array.from({ length }, (_, i) => (from + i) as Token)

describe('keptHistoryStart', () => {
  const system = run(1000, 10)
  const turns = [run(0, 40), run(100, 40), run(200, 40)]
  const cached = [...system, ...turns.flat()]

  it('finds where the kept history starts in the cache after the oldest turn was cut', () => {
    const prompt = [...system, ...turns[1]!, ...turns[2]!, ...run(300, 5)]
    expect(keptHistoryStart(cached, prompt, system.length)).toBe(system.length + 40)
  })

  it('finds nothing for text the cache does not hold (an edited message), a short chance match or a changed turn', () => {
    expect(keptHistoryStart(cached, [...system, ...run(500, 40)], system.length)).toBe(-1)
    expect(keptHistoryStart(cached, [...system, ...run(100, 20), ...run(700, 20)], system.length)).toBe(-1)
    // The kept turns match, but a later one was edited: keeping the cache up to the edit is not a cut's job.
    expect(keptHistoryStart(cached, [...system, ...run(100, 40), ...run(800, 40)], system.length)).toBe(-1)
  })

  it('skips a repeat that breaks off before the end of the cache (the same message sent twice)', () => {
    const [a, b, c] = turns as [Token[], Token[], Token[]]
    const repeated = [...system, ...run(900, 40), ...a, ...b.slice(0, 35), ...a, ...b, ...c]
    // The cut kept the second copy of `a`: after the first copy only 35 tokens go on matching, then it breaks off.
    expect(keptHistoryStart(repeated, [...system, ...a, ...b, ...c], system.length)).toBe(system.length + 40 + 75)
  })
})
