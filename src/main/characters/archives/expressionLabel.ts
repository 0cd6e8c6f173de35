import { EMOTIONS, FINE_LABELS } from '../../../shared/domain'

export const EXPRESSION_LABELS: ReadonlySet<string> = new Set<string>([...FINE_LABELS, ...EMOTIONS])

/** Names other apps give emotion images (RisuAI, Backyard, sprite packs) that mean one of our labels. */
const SYNONYMS: Record<string, string> = {
  happy: 'joy',
  happiness: 'joy',
  smile: 'joy',
  smiling: 'joy',
  sad: 'sadness',
  crying: 'sadness',
  angry: 'anger',
  mad: 'anger',
  afraid: 'fear',
  scared: 'fear',
  surprised: 'surprise',
  shocked: 'surprise',
  disgusted: 'disgust',
  loving: 'love',
  default: 'neutral',
  normal: 'neutral',
  idle: 'neutral',
  calm: 'neutral',
  embarrassed: 'embarrassment',
  nervous: 'nervousness',
  confused: 'confusion',
  curious: 'curiosity',
  excited: 'excitement',
  proud: 'pride',
  grateful: 'gratitude',
  amused: 'amusement',
  annoyed: 'annoyance',
  disappointed: 'disappointment'
}

/** The expression label an image name stands for ("Happy", "joy.png", "admiration"), or null. */
export function expressionLabel(name: string): string | null {
  const key = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .trim()
    .toLowerCase()
  if (EXPRESSION_LABELS.has(key)) return key
  return SYNONYMS[key] ?? null
}
