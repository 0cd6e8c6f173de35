import type { Emotion, EmotionReading } from '../../shared/domain'

const FEELING: Record<Exclude<Emotion, 'neutral'>, string> = {
  joy: 'happy',
  sadness: 'sad',
  anger: 'annoyed or angry',
  fear: 'worried or scared',
  surprise: 'surprised',
  disgust: 'disgusted',
  love: 'affectionate'
}

/** Below this a reading is a guess: it neither goes into the prompt nor counts toward a sustained mood. */
export const MIN_TONE_CONFIDENCE = 0.35

/** Three of the last four messages in one confident non-neutral mood: worth saying so, beyond this one message. */
export function detectSustainedMood(recent: readonly EmotionReading[], window = 4): Emotion | null {
  const last = recent.slice(-window)
  if (last.length < 3) return null
  const counts = new Map<Emotion, number>()
  for (const reading of last) {
    if (reading.label !== 'neutral' && reading.confidence >= MIN_TONE_CONFIDENCE)
      counts.set(reading.label, (counts.get(reading.label) ?? 0) + 1)
  }
  for (const [label, count] of counts) if (count >= 3) return label
  return null
}

/**
 * The user's tone in words for the prompt, so the character reacts in its own way (a sarcastic and a gentle
 * character comfort differently). Null when neutral or unsure: no note is better than a wrong one.
 */
export function describeUserTone(
  userName: string,
  reading: EmotionReading,
  recent: readonly EmotionReading[]
): string | null {
  const sustained = detectSustainedMood([...recent, reading])
  if (sustained && sustained !== 'neutral') {
    return `[${userName} has seemed ${FEELING[sustained]} for several messages. React to that in character.]`
  }
  if (reading.label === 'neutral' || reading.confidence < MIN_TONE_CONFIDENCE) return null
  return `[${userName} seems ${FEELING[reading.label]} right now. React to that in character.]`
}

/** A strong emotion worth remembering ("was very stressed about exams"). */
export function isNotableEmotionalMoment(reading: EmotionReading, text: string): boolean {
  return (
    reading.label !== 'neutral' &&
    reading.label !== 'surprise' &&
    reading.confidence >= 0.6 &&
    text.trim().split(/\s+/).length >= 5
  )
}
