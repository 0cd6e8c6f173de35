import { LlamaText, SpecialTokensText, type LlamaModel, type Token } from 'node-llama-cpp'
import { describe, expect, it } from 'vitest'
import { endsWith, findStop, heldBack, resolveStops, type StopSet } from './stopTriggers'

const stops: StopSet = {
  texts: [
    { text: '\nAlex:', isCustom: true },
    { text: '### Human', isCustom: false }
  ],
  tokenRuns: [],
  longestText: 9
}

describe('stop triggers', () => {
  it('finds the earliest stop string and says whose it is', () => {
    expect(findStop('Sure!\nAlex: hi ### Human', stops, 0)).toEqual({ index: 5, isCustom: true })
    expect(findStop('Done.### Human', stops, 0)).toEqual({ index: 5, isCustom: false })
    expect(findStop('No stop here', stops, 0)).toBeNull()
  })

  it('holds back text that may be the start of a stop string or of an unfinished character', () => {
    expect(heldBack('Well\nAl', ['\nAlex:'])).toBe(3)
    expect(heldBack('Well', ['\nAlex:'])).toBe(0)
    expect(heldBack('caf\uFFFD', ['\nAlex:'])).toBe(1)
  })

  it('matches a token run at the end of the generated tokens', () => {
    expect(endsWith([1, 2, 3] as never[], [2, 3] as never[])).toBe(true)
    expect(endsWith([1, 2, 3] as never[], [1, 2] as never[])).toBe(false)
    expect(endsWith([3] as never[], [2, 3] as never[])).toBe(false)
  })
})

describe('stop triggers at their limits', () => {
  it('finds a stop at the very start, from the given position on, and the first of two at once', () => {
    expect(findStop('\nAlex: hi', stops, 0)).toEqual({ index: 0, isCustom: true })
    expect(findStop('\nAlex: hi\nAlex: bye', stops, 1)).toEqual({ index: 9, isCustom: true })
    const same: StopSet = {
      ...stops,
      texts: [
        { text: 'ab', isCustom: false },
        { text: 'a', isCustom: true }
      ]
    }
    expect(findStop('xab', same, 0)).toEqual({ index: 1, isCustom: false })
  })

  it('holds back every unfinished character, and never a whole stop string', () => {
    expect(heldBack('caf\uFFFD\uFFFD', [])).toBe(2)
    expect(heldBack('\uFFFDok', [])).toBe(0)
    expect(heldBack('said ab', ['abc'])).toBe(2)
    expect(heldBack('said abc', ['abc'])).toBe(0)
    expect(heldBack('b', ['abc', 'bcd'])).toBe(1)
    expect(heldBack('x\nA', ['\nA', '\nAl'])).toBe(2)
  })

  it('matches a token run as long as all the tokens, and only in full', () => {
    expect(endsWith([2, 3] as never[], [2, 3] as never[])).toBe(true)
    expect(endsWith([1, 9, 3] as never[], [2, 3] as never[])).toBe(false)
    expect(endsWith([] as never[], [] as never[])).toBe(true)
  })
})

describe('resolveStops', () => {
  /** Characters as tokens; special text such as <|im_end|> is one token, as a real vocabulary has it. */
  const tokenizer = (text: string, special?: boolean): Token[] =>
    special && text.startsWith('<|') ? [9000 as Token] : [...text].map((c) => c.charCodeAt(0) as Token)
  const model = { tokenizer } as unknown as LlamaModel

  it("splits the template's triggers into text and token runs, and keeps the caller's non-empty strings", () => {
    const set = resolveStops(
      model,
      [LlamaText('\n### User'), LlamaText(new SpecialTokensText('<|im_end|>')), LlamaText('')],
      ['\nAlex:', '']
    )
    expect(set).toEqual({
      texts: [
        { text: '\nAlex:', isCustom: true },
        { text: '\n### User', isCustom: false }
      ],
      tokenRuns: [[9000]],
      longestText: 9
    })
  })

  it('has no triggers and no length when given none', () => {
    expect(resolveStops(model, [], [])).toEqual({ texts: [], tokenRuns: [], longestText: 0 })
  })
})
