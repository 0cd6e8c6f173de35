import type { Utterance } from './SpeechQueue'

/** The Web Speech API's settings for an utterance, within the ranges browsers accept. */
export interface SystemParams {
  rate: number
  pitch: number
  volume: number
}

/** speechSynthesis takes rate, pitch and volume directly (rate 0.1-10, pitch 0-2, volume 0-1). */
export function systemParams(utterance: Utterance): SystemParams {
  const { prosody, speed } = utterance
  return {
    rate: clamp(speed * prosody.rate, 0.1, 10),
    pitch: clamp(prosody.pitch, 0, 2),
    volume: clamp(prosody.volume, 0, 1)
  }
}

/** How a neural voice is synthesised and played to give an utterance's speed, pitch and volume. */
export interface NeuralParams {
  /** The engine's own speed parameter (sherpa-onnx `speed`; 1 = the model's pace). */
  synthesisSpeed: number
  /** Web Audio playbackRate: raises the pitch and the pace together. */
  playbackRate: number
  gain: number
}

/**
 * Neural engines have no pitch setting, so the pitch comes from playing the audio faster or slower; that changes
 * the pace too, which the synthesis speed compensates: synthesised at rate/pitch and played at pitch, the pace is
 * the rate and the pitch is moved by `pitch`. Gain above 1 is allowed (an angry voice gets louder than the model).
 */
export function neuralParams(utterance: Utterance): NeuralParams {
  const { prosody, speed } = utterance
  const playbackRate = clamp(prosody.pitch, 0.5, 2)
  return {
    synthesisSpeed: clamp((speed * prosody.rate) / playbackRate, 0.25, 4),
    playbackRate,
    gain: clamp(prosody.volume, 0, 2)
  }
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return 1
  return Math.min(max, Math.max(min, value))
}
