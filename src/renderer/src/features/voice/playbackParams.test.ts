import { describe, expect, it } from 'vitest'
import { NEUTRAL_PROSODY, prosodyFor } from '../../../../shared/voice/prosodyFor'
import { neuralParams, systemParams } from './playbackParams'
import type { Utterance } from './SpeechQueue'

const utterance = (prosody = { ...NEUTRAL_PROSODY }, speed = 1): Utterance => ({
  text: 'Hi.',
  voice: { kind: 'system', voiceName: null },
  speed,
  prosody
})

const sad = prosodyFor({ label: 'sadness', confidence: 0.9 }, 1)
const excited = prosodyFor({ label: 'joy', confidence: 0.9 }, 1)

describe('playback parameters from the emotion prosody', () => {
  it('off (strength 0) leaves the voice exactly as set', () => {
    const off = utterance(prosodyFor({ label: 'anger', confidence: 1 }, 0), 1.2)
    expect(systemParams(off)).toEqual({ rate: 1.2, pitch: 1, volume: 1 })
    expect(neuralParams(off)).toEqual({ synthesisSpeed: 1.2, playbackRate: 1, gain: 1 })
  })

  it('a sad and an excited reply get different system voice settings', () => {
    const a = systemParams(utterance(sad))
    const b = systemParams(utterance(excited))
    expect(a.rate).toBeLessThan(1)
    expect(a.pitch).toBeLessThan(1)
    expect(a.volume).toBeLessThan(1)
    expect(b.rate).toBeGreaterThan(1)
    expect(b.pitch).toBeGreaterThan(1)
    // Web Speech cannot go above full volume.
    expect(systemParams(utterance({ rate: 1, pitch: 1, volume: 1.2 })).volume).toBe(1)
  })

  it('a neural voice gets the pitch from playback and keeps the intended pace', () => {
    for (const prosody of [sad, excited]) {
      const params = neuralParams(utterance(prosody, 1.1))
      expect(params.playbackRate).toBeCloseTo(prosody.pitch)
      // Heard pace = synthesis speed x playback rate = character speed x emotion rate.
      expect(params.synthesisSpeed * params.playbackRate).toBeCloseTo(1.1 * prosody.rate)
      expect(params.gain).toBeCloseTo(prosody.volume)
    }
    expect(neuralParams(utterance(sad)).playbackRate).toBeLessThan(neuralParams(utterance(excited)).playbackRate)
  })

  it('nonsense values fall back to the plain voice instead of breaking playback', () => {
    expect(systemParams(utterance({ rate: Number.NaN, pitch: Infinity, volume: -1 }, 1))).toEqual({
      rate: 1,
      pitch: 1,
      volume: 0
    })
  })
})
