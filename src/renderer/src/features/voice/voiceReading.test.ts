import { describe, expect, it } from 'vitest'
import { defaultVoiceSettings, type CharacterVoice } from '../../../../shared/domain/voice'
import type { EmotionReading } from '../../../../shared/domain'
import { readingFor, utterancesFor } from './voiceReading'

const voice: CharacterVoice = {
  kind: 'neural',
  modelId: 'amy',
  speakerId: 1,
  speed: 1,
  speakerByEmotion: { sadness: 4, joy: 2 }
}
const mood = (label: EmotionReading['label']): EmotionReading => ({ label, confidence: 0.9, fineLabel: label })

function speakersOf(text: string, reading: EmotionReading | null, strength = 1): number[] {
  const settings = { ...defaultVoiceSettings(), emotionStrength: strength }
  return utterancesFor(
    text,
    readingFor(voice, settings, () => reading)
  ).map((u) => (u.voice.kind === 'neural' ? u.voice.speakerId : -1))
}

describe("a multi-speaker voice's speaker per emotion", () => {
  it('a sad and a happy reply are read by the speakers mapped to their emotions', () => {
    expect(speakersOf('I miss you. Come back soon.', mood('sadness'))).toEqual([4, 4])
    expect(speakersOf('You came! I am so glad.', mood('joy'))).toEqual([2, 2])
  })

  it("an unmapped emotion, no reading yet or the emotion-aware voice off keep the voice's own speaker", () => {
    expect(speakersOf('How dare you.', mood('anger'))).toEqual([1])
    expect(speakersOf('Hello.', null)).toEqual([1])
    expect(speakersOf('I miss you.', mood('sadness'), 0)).toEqual([1])
  })
})
