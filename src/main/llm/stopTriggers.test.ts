import { describe, expect, it } from 'vitest'
import { endsWith, findStop, heldBack, type StopSet } from './stopTriggers'

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
