import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EmotionReading } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { buildEmotionInputs } from './buildEmotionInputs'
import { forwardEmotionNet, type EmotionNet } from './emotionNet'
import { decodeEmotionNet } from './emotionModelFile'
import { EKMAN_LABELS, FINE_LABELS, moodOf, type FineLabel } from './labels'
import { createWordPiece } from './wordPiece'

export const EMOTION_MODEL_FILE = 'goemotions-net.bin'

export interface EmotionResult extends EmotionReading {
  /** Probability per fine label. */
  scores: Record<string, number>
  /** Ekman classes (+ neutral) above their thresholds, never empty: the multi-label prediction the bench scores. */
  ekman: string[]
  /** Fine labels above their thresholds. */
  fine: string[]
}

const FINE_COUNT = FINE_LABELS.length

/**
 * Local emotion detection in about a millisecond: a small wide-and-deep net over the potion-base-2M word pieces and
 * hashed n-grams, trained on GoEmotions (scripts/trainEmotion.ts). It carries its own tokenizer and token vectors, so
 * it needs nothing else loaded.
 */
export class EmotionClassifier {
  private constructor(
    private readonly net: EmotionNet,
    private readonly wordPiece: (text: string, maxTokens: number) => Int32Array
  ) {}

  static async load(dir: string): Promise<EmotionClassifier> {
    let bytes: Buffer
    try {
      bytes = await readFile(join(dir, EMOTION_MODEL_FILE))
    } catch (cause) {
      throw new AppError('MODEL_FILE_NOT_FOUND', `The emotion model is missing from ${dir}.`, { cause })
    }
    return EmotionClassifier.fromBytes(bytes)
  }

  static fromBytes(bytes: Uint8Array): EmotionClassifier {
    const net = decodeEmotionNet(bytes)
    const expected = [...FINE_LABELS, ...EKMAN_LABELS.map((l) => `ekman:${l}`)]
    if (net.labels.length !== expected.length || net.labels.some((l, i) => l !== expected[i])) {
      throw new AppError('MODEL_FILE_INVALID', 'The emotion model file is damaged: unexpected labels.')
    }
    return new EmotionClassifier(net, createWordPiece(net.vocabulary))
  }

  classify(text: string): EmotionResult {
    if (!text.trim())
      return {
        label: 'neutral',
        confidence: 1,
        fineLabel: 'neutral',
        scores: { neutral: 1 },
        ekman: ['neutral'],
        fine: ['neutral']
      }
    const inputs = buildEmotionInputs(text, this.wordPiece, this.net.buckets)
    const probabilities = forwardEmotionNet(this.net, inputs.tokens, inputs.wide).probabilities
    const { thresholds } = this.net
    const scores: Record<string, number> = {}
    const fine: string[] = []
    let best = 0
    for (let l = 0; l < FINE_COUNT; l++) {
      scores[FINE_LABELS[l]!] = probabilities[l]!
      if (probabilities[l]! >= thresholds[l]!) fine.push(FINE_LABELS[l]!)
      // Relative to each label's own threshold: rare labels have low base rates and low thresholds.
      if (probabilities[l]! / thresholds[l]! > probabilities[best]! / thresholds[best]!) best = l
    }
    const ekman: string[] = []
    let bestEkman = 0
    for (let e = 0; e < EKMAN_LABELS.length; e++) {
      const l = FINE_COUNT + e
      if (probabilities[l]! >= thresholds[l]!) ekman.push(EKMAN_LABELS[e]!)
      if (
        probabilities[l]! / thresholds[l]! >
        probabilities[FINE_COUNT + bestEkman]! / thresholds[FINE_COUNT + bestEkman]!
      )
        bestEkman = e
    }
    if (ekman.length === 0) ekman.push(EKMAN_LABELS[bestEkman]!)
    const fineLabel = FINE_LABELS[best] as FineLabel
    return { label: moodOf(fineLabel), confidence: probabilities[best]!, fineLabel, scores, ekman, fine }
  }
}
