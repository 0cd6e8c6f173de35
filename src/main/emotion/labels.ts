import { FINE_LABELS, type Emotion, type FineLabel } from '../../shared/domain'

export { FINE_LABELS, type FineLabel }

/** Ekman's six + neutral, the grouping the GoEmotions paper scores (ekman_mapping.json). */
export const EKMAN_LABELS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const
export type EkmanLabel = (typeof EKMAN_LABELS)[number]

/** The model's outputs: the fine labels, then the Ekman head (its own outputs: a row's Ekman class is often not its top fine label). */
export const OUTPUT_LABELS: readonly string[] = [...FINE_LABELS, ...EKMAN_LABELS.map((l) => `ekman:${l}`)]

export const EKMAN_OF: Record<FineLabel, EkmanLabel> = {
  anger: 'anger',
  annoyance: 'anger',
  disapproval: 'anger',
  disgust: 'disgust',
  fear: 'fear',
  nervousness: 'fear',
  joy: 'joy',
  amusement: 'joy',
  approval: 'joy',
  excitement: 'joy',
  gratitude: 'joy',
  love: 'joy',
  optimism: 'joy',
  relief: 'joy',
  pride: 'joy',
  admiration: 'joy',
  desire: 'joy',
  caring: 'joy',
  sadness: 'sadness',
  disappointment: 'sadness',
  embarrassment: 'sadness',
  grief: 'sadness',
  remorse: 'sadness',
  surprise: 'surprise',
  realization: 'surprise',
  confusion: 'surprise',
  curiosity: 'surprise',
  neutral: 'neutral'
}

/**
 * The app's moods: Ekman's six plus love (affection, what a companion needs to show), from the finest label.
 * love, caring and desire are affection toward someone; admiration and gratitude stay joy, because "thanks!" or
 * "great job" is appreciation, and a heart on every thank-you would cheapen the love mood. Everything else follows Ekman.
 */
export function moodOf(fine: FineLabel): Emotion {
  if (fine === 'love' || fine === 'caring' || fine === 'desire') return 'love'
  return EKMAN_OF[fine]
}
