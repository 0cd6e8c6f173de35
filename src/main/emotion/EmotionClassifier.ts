import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EmotionReading } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { buildFeatures, scoreHead, type EmotionWeights, type LinearHead } from './emotionModel'
import { decodeEmotionWeights } from './emotionModelFile'
import { FINE_LABELS, moodOf, type FineLabel } from './labels'

export const EMOTION_MODEL_FILE = 'goemotions-linear.bin'

export interface EmotionResult extends EmotionReading {
  /** Probability per fine label. */
  scores: Record<string, number>
  /** Ekman classes (+ neutral) above their thresholds: the multi-label prediction the bench scores. */
  ekman: string[]
  /** Fine labels above their thresholds. */
  fine: string[]
}

/**
 * Local emotion detection in well under a millisecond: a linear model over hashed word n-grams and the bundled
 * sentence embedding, trained on GoEmotions (scripts/trainEmotion.ts). Two heads: 28 fine labels (the names
 * SillyTavern expression sprites use) and Ekman's six + neutral.
 */
export class EmotionClassifier {
  private constructor(
    private readonly weights: EmotionWeights,
    private readonly fineHead: LinearHead,
    private readonly ekmanHead: LinearHead,
    private readonly embed: (text: string) => Float32Array
  ) {}

  static async load(dir: string, embed: (text: string) => Float32Array): Promise<EmotionClassifier> {
    let bytes: Buffer
    try {
      bytes = await readFile(join(dir, EMOTION_MODEL_FILE))
    } catch (cause) {
      throw new AppError('MODEL_FILE_NOT_FOUND', `The emotion model is missing from ${dir}.`, { cause })
    }
    return EmotionClassifier.fromBytes(bytes, embed)
  }

  static fromBytes(bytes: Uint8Array, embed: (text: string) => Float32Array): EmotionClassifier {
    const weights = decodeEmotionWeights(bytes)
    const fine = weights.heads.find((h) => h.name === 'fine')
    const ekman = weights.heads.find((h) => h.name === 'ekman')
    if (!fine || !ekman) throw new AppError('MODEL_FILE_INVALID', 'The emotion model file is damaged: a head is missing.')
    return new EmotionClassifier(weights, fine, ekman, embed)
  }

  classify(text: string): EmotionResult {
    if (!text.trim()) return { label: 'neutral', confidence: 1, fineLabel: 'neutral', scores: { neutral: 1 }, ekman: ['neutral'], fine: ['neutral'] }
    const features = buildFeatures(text, this.weights.buckets, this.embed)
    const fineProbs = scoreHead(this.fineHead, features)
    const ekmanProbs = scoreHead(this.ekmanHead, features)
    const scores: Record<string, number> = {}
    let best = 0
    for (let l = 0; l < fineProbs.length; l++) {
      scores[this.fineHead.labels[l]!] = fineProbs[l]!
      // Compare against each label's own threshold: rare labels have low base rates and low thresholds.
      if (fineProbs[l]! / this.fineHead.thresholds[l]! > fineProbs[best]! / this.fineHead.thresholds[best]!) best = l
    }
    const fineLabel = (this.fineHead.labels[best] ?? 'neutral') as FineLabel
    const above = (head: LinearHead, probs: Float32Array): string[] => head.labels.filter((_, l) => probs[l]! >= head.thresholds[l]!)
    let ekman = above(this.ekmanHead, ekmanProbs)
    if (ekman.length === 0) ekman = [this.ekmanHead.labels[argmax(ekmanProbs)]!]
    return {
      label: moodOf(FINE_LABELS.includes(fineLabel) ? fineLabel : 'neutral'),
      confidence: Math.min(1, fineProbs[best]!),
      fineLabel,
      scores,
      ekman,
      fine: above(this.fineHead, fineProbs)
    }
  }
}

function argmax(values: Float32Array): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i
  return best
}
