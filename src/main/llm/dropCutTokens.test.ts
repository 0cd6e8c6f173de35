import type { LlamaContextSequence, Token } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { dropCutTokens, keptHistoryStart } from './dropCutTokens'

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

describe('keptHistoryStart at its limits', () => {
  const system = run(1000, 10)

  it('takes a run of exactly 32 tokens that reaches the end of the cache', () => {
    const cached = [...system, ...run(0, 5), ...run(100, 32)]
    expect(keptHistoryStart(cached, [...system, ...run(100, 32), ...run(300, 3)], 10)).toBe(15)
    expect(keptHistoryStart(cached, [...system, ...run(100, 31), ...run(300, 3)], 10)).toBe(-1)
  })

  it('takes a run that stops 16 tokens before the end of the cache, not 17', () => {
    const prompt = [...system, ...run(100, 40), ...run(300, 3)]
    expect(keptHistoryStart([...system, ...run(0, 5), ...run(100, 40), ...run(500, 16)], prompt, 10)).toBe(15)
    expect(keptHistoryStart([...system, ...run(0, 5), ...run(100, 40), ...run(500, 17)], prompt, 10)).toBe(-1)
  })

  it('looks only after the first differing token, never at it or before', () => {
    // The prompt goes on with the cache one token back: a repeat of what is already there, not a cut.
    const cached = [...system, ...run(0, 40)]
    expect(keptHistoryStart(cached, [...system.slice(0, 9), 1009 as Token, ...run(0, 40)], 10)).toBe(-1)
  })
})

/**
 * A stand-in for node-llama-cpp's context sequence: its cached tokens, the prefix comparison and the range erase, as
 * the library documents them; the model part says whether the architecture can shift.
 */
function sequenceOf(
  cached: Token[],
  model: { isRecurrent?: boolean; architecture?: string } = {}
): { sequence: LlamaContextSequence; erased: { start: number; end: number }[][] } {
  const erased: { start: number; end: number }[][] = []
  const sequence = {
    contextTokens: cached,
    compareContextTokens(tokens: Token[]) {
      let i = 0
      while (i < cached.length && i < tokens.length && cached[i] === tokens[i]) i++
      return { firstDifferentIndex: i }
    },
    async eraseContextTokenRanges(ranges: { start: number; end: number }[]) {
      erased.push(ranges)
    },
    model: {
      fileInsights: { isRecurrent: model.isRecurrent ?? false },
      fileInfo: { metadata: model.architecture ? { general: { architecture: model.architecture } } : undefined }
    }
  }
  return { sequence: sequence as unknown as LlamaContextSequence, erased }
}

describe('dropCutTokens', () => {
  const system = run(1000, 10)
  const cached = [...system, ...run(0, 40), ...run(100, 40), ...run(200, 40)]
  const afterCut = [...system, ...run(100, 40), ...run(200, 40), ...run(300, 5)]

  it('erases the cut turns and tells how many cached tokens moved', async () => {
    const { sequence, erased } = sequenceOf(cached, { architecture: 'llama' })
    expect(await dropCutTokens(sequence, afterCut)).toEqual({ erased: 40, shifted: 80 })
    expect(erased).toEqual([[{ start: 10, end: 50 }]])
  })

  it('erases nothing for a model that cannot shift its cache', async () => {
    for (const model of [{ isRecurrent: true }, { architecture: 'deepseek2' }]) {
      const { sequence, erased } = sequenceOf(cached, model)
      expect(await dropCutTokens(sequence, afterCut)).toEqual({ erased: 0, shifted: 0 })
      expect(erased).toEqual([])
    }
  })

  it('erases nothing when the prompt extends the cache, goes on too briefly, or is not a cut', async () => {
    const prompts = [
      [...cached, ...run(300, 5)],
      [...system, ...run(100, 31)],
      [...system, ...run(700, 40)]
    ]
    for (const prompt of prompts) {
      const { sequence, erased } = sequenceOf(cached)
      expect(await dropCutTokens(sequence, prompt)).toEqual({ erased: 0, shifted: 0 })
      expect(erased).toEqual([])
    }
  })

  it('erases for a prompt that goes on for exactly 32 tokens after the cut', async () => {
    const short = [...system, ...run(0, 5), ...run(100, 32)]
    const { sequence } = sequenceOf(short)
    expect(await dropCutTokens(sequence, [...system, ...run(100, 32)])).toEqual({ erased: 5, shifted: 32 })
  })
})
