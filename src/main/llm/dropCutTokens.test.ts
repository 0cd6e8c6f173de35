import type { Token } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { longestRunStart } from './dropCutTokens'

const run = (from: number, length: number): Token[] => Array.from({ length }, (_, i) => (from + i) as Token)

describe('longestRunStart', () => {
  const system = run(1000, 10)
  const turns = [run(0, 40), run(100, 40), run(200, 40)]
  const cached = [...system, ...turns.flat()]

  it('finds where the kept history starts in the cache after the oldest turn was cut', () => {
    const prompt = [...system, ...turns[1]!, ...turns[2]!, ...run(300, 5)]
    expect(longestRunStart(cached, prompt, system.length)).toBe(system.length + 40)
  })

  it('finds nothing for text the cache does not hold (an edited message), nor for a short chance match', () => {
    expect(longestRunStart(cached, [...system, ...run(500, 40)], system.length)).toBe(-1)
    expect(longestRunStart(cached, [...system, ...run(100, 20), ...run(700, 20)], system.length)).toBe(-1)
  })

  it('takes the longest continuation when a stretch repeats (the same message sent twice)', () => {
    const [a, b, c] = turns as [Token[], Token[], Token[]]
    const repeated = [...system, ...run(900, 40), ...a, ...b.slice(0, 35), ...a, ...b, ...c]
    // The cut kept the second copy of `a`: after the first copy only 35 tokens go on matching.
    expect(longestRunStart(repeated, [...system, ...a, ...b, ...c], system.length)).toBe(system.length + 40 + 75)
  })
})
