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
})
