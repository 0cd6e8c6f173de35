import { emojiToWords, hashedFeatures, type SparseFeatures } from './textFeatures'

/** Longer messages are cut: the first 256 word pieces carry the tone, and the cost stays flat for a 100 kB paste. */
export const MAX_TOKENS = 256

export interface EmotionInputs {
  tokens: Int32Array
  wide: SparseFeatures
}

/** The same features in training and at run time: word-piece ids for the deep part, hashed n-grams for the wide part. */
export function buildEmotionInputs(
  text: string,
  wordPiece: (text: string, maxTokens: number) => Int32Array,
  buckets: number
): EmotionInputs {
  return { tokens: wordPiece(emojiToWords(text), MAX_TOKENS), wide: hashedFeatures(text, buckets) }
}
