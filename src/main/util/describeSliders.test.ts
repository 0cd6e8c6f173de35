import { describe, expect, it } from 'vitest'
import { defaultSliders } from '../../shared/domain'
import { describeSliders } from './describeSliders'

describe('describeSliders', () => {
  it('says nothing for the middle and words with a degree for the poles', () => {
    expect(describeSliders(defaultSliders())).toEqual([])
    const phrases = describeSliders({ ...defaultSliders(), sarcasm: 100, extraversion: 20, casualness: 70 })
    expect(phrases).toEqual(['very introverted', 'extremely sarcastic', 'somewhat casual'])
    expect(phrases.join(' ')).not.toMatch(/\d/)
  })

  it('starts each degree exactly at its distance from the middle', () => {
    const energy = (value: number): string[] => describeSliders({ ...defaultSliders(), energy: value })
    expect(energy(64)).toEqual([])
    expect(energy(65)).toEqual(['somewhat energetic'])
    expect(energy(35)).toEqual(['somewhat calm'])
    expect(energy(77)).toEqual(['somewhat energetic'])
    expect(energy(78)).toEqual(['very energetic'])
    expect(energy(89)).toEqual(['very energetic'])
    expect(energy(90)).toEqual(['extremely energetic'])
    expect(energy(10)).toEqual(['extremely calm'])
  })
})
