import type { Emotion, EmotionReading } from '../domain'

/** Multipliers on the voice's own speed, pitch and volume; 1/1/1 is the voice unchanged. */
export interface Prosody {
  rate: number
  pitch: number
  volume: number
}

export const NEUTRAL_PROSODY: Readonly<Prosody> = Object.freeze({ rate: 1, pitch: 1, volume: 1 })

/**
 * The furthest each multiplier may go at full strength and confidence: beyond these a voice sounds broken rather than
 * moved (and speech engines distort), so every result is clamped to them.
 */
export const PROSODY_LIMITS: Readonly<Record<keyof Prosody, { min: number; max: number }>> = Object.freeze({
  rate: { min: 0.8, max: 1.25 },
  pitch: { min: 0.85, max: 1.15 },
  volume: { min: 0.75, max: 1.2 }
})

/**
 * How far each emotion moves the voice at full strength, as a signed fraction of 1 (speech research in short:
 * sadness slow, low and soft; joy and surprise fast and high; anger fast and loud; fear fast and high).
 */
const SHIFTS: Record<Emotion, Prosody> = {
  sadness: { rate: -0.15, pitch: -0.1, volume: -0.2 },
  joy: { rate: 0.1, pitch: 0.08, volume: 0.05 },
  surprise: { rate: 0.12, pitch: 0.12, volume: 0.08 },
  anger: { rate: 0.1, pitch: -0.03, volume: 0.15 },
  fear: { rate: 0.15, pitch: 0.1, volume: -0.05 },
  disgust: { rate: -0.08, pitch: -0.06, volume: 0 },
  love: { rate: -0.05, pitch: 0.03, volume: -0.08 },
  neutral: { rate: 0, pitch: 0, volume: 0 }
}

/**
 * The voice settings for a reply: its emotion's shift scaled by the classifier's confidence and by the user's
 * strength setting (0 = off: exactly neutral; 1 = full), within PROSODY_LIMITS. No reading (not classified yet) is
 * neutral.
 */
export function prosodyFor(reading: Pick<EmotionReading, 'label' | 'confidence'> | null, strength: number): Prosody {
  const scale = clamp01(strength) * clamp01(reading?.confidence ?? 0)
  if (reading === null || scale === 0) return { ...NEUTRAL_PROSODY }
  const shift = SHIFTS[reading.label]
  const apply = (key: keyof Prosody): number => {
    const { min, max } = PROSODY_LIMITS[key]
    return Math.min(max, Math.max(min, 1 + shift[key] * scale))
  }
  return { rate: apply('rate'), pitch: apply('pitch'), volume: apply('volume') }
}

/** NaN or out-of-range settings (a hand-edited file) count as the nearest valid value; NaN as 0. */
function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0
}
