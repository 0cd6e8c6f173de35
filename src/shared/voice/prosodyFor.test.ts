import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMOTIONS } from '../domain'
import { NEUTRAL_PROSODY, PROSODY_LIMITS, prosodyFor } from './prosodyFor'

describe('prosodyFor', () => {
  it('a sad reply is slower, lower and softer; an excited one faster and higher', () => {
    const sad = prosodyFor({ label: 'sadness', confidence: 0.9 }, 1)
    const excited = prosodyFor({ label: 'joy', confidence: 0.9 }, 1)
    expect(sad.rate).toBeLessThan(1)
    expect(sad.pitch).toBeLessThan(1)
    expect(sad.volume).toBeLessThan(1)
    expect(excited.rate).toBeGreaterThan(1)
    expect(excited.pitch).toBeGreaterThan(1)
    expect(excited.rate).toBeGreaterThan(sad.rate)
    expect(excited.pitch).toBeGreaterThan(sad.pitch)
  })

  it('anger is louder and faster, fear faster and higher, neutral unchanged', () => {
    const angry = prosodyFor({ label: 'anger', confidence: 1 }, 1)
    expect(angry.volume).toBeGreaterThan(1)
    expect(angry.rate).toBeGreaterThan(1)
    const afraid = prosodyFor({ label: 'fear', confidence: 1 }, 1)
    expect(afraid.rate).toBeGreaterThan(1)
    expect(afraid.pitch).toBeGreaterThan(1)
    expect(prosodyFor({ label: 'neutral', confidence: 1 }, 1)).toEqual(NEUTRAL_PROSODY)
  })

  it('off, no reading or zero confidence is exactly neutral', () => {
    expect(prosodyFor({ label: 'anger', confidence: 1 }, 0)).toEqual({ rate: 1, pitch: 1, volume: 1 })
    expect(prosodyFor(null, 1)).toEqual(NEUTRAL_PROSODY)
    expect(prosodyFor({ label: 'sadness', confidence: 0 }, 1)).toEqual(NEUTRAL_PROSODY)
    expect(prosodyFor({ label: 'sadness', confidence: 1 }, Number.NaN)).toEqual(NEUTRAL_PROSODY)
  })

  it('lower confidence and lower strength move the voice less', () => {
    const full = prosodyFor({ label: 'sadness', confidence: 1 }, 1)
    const unsure = prosodyFor({ label: 'sadness', confidence: 0.4 }, 1)
    const gentle = prosodyFor({ label: 'sadness', confidence: 1 }, 0.4)
    expect(unsure.rate).toBeGreaterThan(full.rate)
    expect(unsure.rate).toBeLessThan(1)
    expect(gentle).toEqual(unsure)
  })

  it('stays within the limits and moves monotonically with strength for every emotion (property)', () => {
    const anyNumber = fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true }))
    fc.assert(
      fc.property(fc.constantFrom(...EMOTIONS), anyNumber, anyNumber, (label, confidence, strength) => {
        const prosody = prosodyFor({ label, confidence }, strength)
        for (const key of ['rate', 'pitch', 'volume'] as const) {
          expect(prosody[key]).toBeGreaterThanOrEqual(PROSODY_LIMITS[key].min)
          expect(prosody[key]).toBeLessThanOrEqual(PROSODY_LIMITS[key].max)
          const full = prosodyFor({ label, confidence: 1 }, 1)[key]
          // A weaker setting lies between neutral and the full effect.
          expect(Math.abs(prosody[key] - 1)).toBeLessThanOrEqual(Math.abs(full - 1) + 1e-12)
        }
      }),
      { numRuns: 500 }
    )
  })
})
