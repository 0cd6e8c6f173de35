import { describe, expect, it } from 'vitest'
import type { EmotionReading } from '../../shared/domain'
import { describeUserTone, detectSustainedMood, isNotableEmotionalMoment } from './describeUserTone'

const reading = (label: EmotionReading['label'], confidence = 0.8): EmotionReading => ({
  label,
  confidence,
  fineLabel: label
})

describe('describeUserTone', () => {
  it('names a clear tone, stays quiet for neutral or unsure readings', () => {
    expect(describeUserTone('Alex', reading('sadness'), [])).toBe(
      '[Alex seems sad right now. React to that in character.]'
    )
    expect(describeUserTone('Alex', reading('neutral'), [])).toBeNull()
    expect(describeUserTone('Alex', reading('joy', 0.2), [])).toBeNull()
  })

  it('notices a sustained mood over several messages', () => {
    const recent = [reading('sadness'), reading('neutral'), reading('sadness')]
    expect(detectSustainedMood([...recent, reading('sadness')])).toBe('sadness')
    expect(describeUserTone('Alex', reading('sadness'), recent)).toContain('for several messages')
    expect(detectSustainedMood([reading('joy'), reading('sadness'), reading('anger')])).toBeNull()
    expect(detectSustainedMood([reading('sadness', 0.2), reading('sadness', 0.2), reading('sadness')])).toBeNull()
  })

  it('marks strong, substantial emotions as worth remembering', () => {
    expect(isNotableEmotionalMoment(reading('fear', 0.9), 'I am so stressed about my exams tomorrow')).toBe(true)
    expect(isNotableEmotionalMoment(reading('fear', 0.9), 'eek')).toBe(false)
    expect(isNotableEmotionalMoment(reading('neutral', 0.99), 'I went to the shop and bought bread')).toBe(false)
  })
})
