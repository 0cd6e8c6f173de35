import type { Emotion } from './emotion'

/**
 * A character's voice: a system voice (the Web Speech API's, by name) or a local neural voice model (run by
 * sherpa-onnx in the main process) with its speaker. `speed` multiplies the voice's own pace (1 = as made).
 * `speakerByEmotion` (a multi-speaker model) reads replies of those emotions with another of its speakers.
 */
export type CharacterVoice =
  | { kind: 'system'; voiceName: string; speed: number }
  | {
      kind: 'neural'
      modelId: string
      speakerId: number
      speed: number
      speakerByEmotion?: Partial<Record<Emotion, number>>
    }

/** What is done with `*actions*` and `((OOC))` when a reply is read aloud. */
export type AsideReading = 'skip' | 'narrate'

/** How replies are read aloud (app-wide, kept with the other settings). */
export interface VoiceSettings {
  asides: AsideReading
  /** The voice that reads asides when they are narrated; null = the default system voice. */
  narratorVoice: CharacterVoice | null
  /** How far a reply's emotion moves speed, pitch and volume: 0 = off, 1 = full (within prosodyFor's limits). */
  emotionStrength: number
  /** Chats whose replies are read aloud as they are written. */
  readAloudChatIds: string[]
  /** The recogniser the microphone and calls use (a voice.models id of kind stt); null = the first one installed. */
  sttModelId: string | null
}

export function defaultVoiceSettings(): VoiceSettings {
  return { asides: 'skip', narratorVoice: null, emotionStrength: 1, readAloudChatIds: [], sttModelId: null }
}
