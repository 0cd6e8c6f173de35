import { describe, expect, it } from 'vitest'
import { speakerFor } from './speakerFor'

describe('speakerFor', () => {
  const voice = { speakerId: 2, speakerByEmotion: { sadness: 5, joy: 7 } }

  it("picks the speaker mapped to the reply's emotion, else the voice's own", () => {
    expect(speakerFor(voice, { label: 'sadness' }, 1)).toBe(5)
    expect(speakerFor(voice, { label: 'joy' }, 0.3)).toBe(7)
    expect(speakerFor(voice, { label: 'anger' }, 1)).toBe(2)
    expect(speakerFor({ speakerId: 1 }, { label: 'joy' }, 1)).toBe(1)
  })

  it('keeps the own speaker with no reading yet or with the emotion-aware voice off', () => {
    expect(speakerFor(voice, null, 1)).toBe(2)
    expect(speakerFor(voice, { label: 'sadness' }, 0)).toBe(2)
    expect(speakerFor(voice, { label: 'sadness' }, Number.NaN)).toBe(2)
  })
})
