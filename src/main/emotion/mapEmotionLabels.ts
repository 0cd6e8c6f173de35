import { AppError } from '../../shared/errors'
import { FINE_LABELS, type FineLabel } from './labels'

/**
 * Names other emotion models give the same feelings (Ekman-style heads such as "happiness" or "sad", and a few
 * common extras), mapped to the GoEmotions label that carries the same mood and expression sprite.
 */
const SYNONYMS: Record<string, FineLabel> = {
  happy: 'joy',
  happiness: 'joy',
  joyful: 'joy',
  sad: 'sadness',
  angry: 'anger',
  rage: 'anger',
  scared: 'fear',
  afraid: 'fear',
  worry: 'nervousness',
  anxiety: 'nervousness',
  surprised: 'surprise',
  disgusted: 'disgust',
  shame: 'embarrassment',
  guilt: 'remorse',
  calm: 'neutral',
  none: 'neutral',
  'no emotion': 'neutral',
  others: 'neutral'
}

const normalise = (label: string): string => label.trim().toLowerCase().replace(/[_-]+/g, ' ')

/** The app's label for one model label, or null when it has none. */
export function fineLabelOf(label: string): FineLabel | null {
  const key = normalise(label)
  return (FINE_LABELS as readonly string[]).includes(key) ? (key as FineLabel) : (SYNONYMS[key] ?? null)
}

/**
 * Maps a classifier's labels (config.json id2label, in id order) to the app's emotions; a model with any label the app
 * cannot map is refused, naming them, since its readings would be guesses.
 */
export function mapEmotionLabels(labels: readonly string[]): FineLabel[] {
  if (labels.length < 2)
    throw new AppError('MODEL_UNSUPPORTED', 'This ONNX model has no emotion labels (config.json id2label).')
  const mapped = labels.map(fineLabelOf)
  const unknown = labels.filter((_, i) => mapped[i] === null)
  if (unknown.length > 0)
    throw new AppError(
      'MODEL_UNSUPPORTED',
      `This model's labels are not emotions the app knows: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}.`
    )
  return mapped as FineLabel[]
}
