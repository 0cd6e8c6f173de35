import type { Emotion, EmotionReading } from '../domain'

/** A multi-speaker voice's speaker for each emotion the user mapped (the others keep the voice's own speaker). */
export type SpeakerByEmotion = Partial<Record<Emotion, number>>

/**
 * The speaker id that reads a reply: the one the user chose for the reply's emotion, else the voice's own. The mapping
 * is part of the emotion-aware voice, so it follows the same switch: with the strength at 0 (off) or no emotion
 * reading yet, the voice keeps its own speaker.
 */
export function speakerFor(
  voice: { speakerId: number; speakerByEmotion?: SpeakerByEmotion },
  reading: Pick<EmotionReading, 'label'> | null,
  strength: number
): number {
  if (reading === null || !(strength > 0)) return voice.speakerId
  return voice.speakerByEmotion?.[reading.label] ?? voice.speakerId
}
