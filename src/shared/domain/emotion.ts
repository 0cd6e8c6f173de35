/** Emotions: the labels and one reading. Plain JSON only: dates are ISO strings. */

export const EMOTIONS = ['joy', 'sadness', 'anger', 'fear', 'surprise', 'disgust', 'love', 'neutral'] as const
export type Emotion = (typeof EMOTIONS)[number]

/**
 * Where each mood sits from unpleasant (-1) to pleasant (+1): the mood timeline's height. Shared so main can average
 * it in SQL (chat.moods) and the renderer draws the same scale.
 */
export const EMOTION_VALENCE: Readonly<Record<Emotion, number>> = {
  joy: 1,
  love: 0.9,
  surprise: 0.3,
  neutral: 0,
  fear: -0.6,
  sadness: -0.8,
  disgust: -0.9,
  anger: -1
}

/** GoEmotions' 27 emotions + neutral, in the dataset's id order (emotions.txt); expression images use these names. */
export const FINE_LABELS = [
  'admiration',
  'amusement',
  'anger',
  'annoyance',
  'approval',
  'caring',
  'confusion',
  'curiosity',
  'desire',
  'disappointment',
  'disapproval',
  'disgust',
  'embarrassment',
  'excitement',
  'fear',
  'gratitude',
  'grief',
  'joy',
  'love',
  'nervousness',
  'optimism',
  'pride',
  'realization',
  'relief',
  'remorse',
  'sadness',
  'surprise',
  'neutral'
] as const

export type FineLabel = (typeof FINE_LABELS)[number]

/**
 * Which classifier reads emotions: the bundled net (milliseconds, the default), the loaded chat model (in the
 * background), or an ONNX text-classification model the user added (in the ONNX worker, right after each message).
 */
export const EMOTION_CLASSIFIERS = ['builtin', 'chat-model', 'onnx'] as const
export type EmotionClassifierChoice = (typeof EMOTION_CLASSIFIERS)[number]

export interface EmotionReading {
  /** Coarse label used for moods and avatars. */
  label: Emotion
  confidence: number
  /** Finest label the classifier gives (a GoEmotions label), for expression sprites. */
  fineLabel: string
}
