import type { SparseFeatures } from './textFeatures'

/**
 * Wide-and-deep multi-label model. Deep: potion-base-2M token vectors (fine-tuned) -> one ReLU convolution over
 * 3-token windows (catches "not happy", "so much fun") -> max and mean pooling -> linear. Wide: hashed word uni/bigrams
 * and character n-grams straight into the logits, which memorise emotion words (and their misspellings) the token
 * vectors blur. One sigmoid output per label.
 */
export interface EmotionNet {
  /** Output labels: the 28 fine labels, then Ekman's six + neutral (named "ekman:<label>"). */
  labels: readonly string[]
  /** Per-output decision thresholds on the sigmoid, tuned for F1 on held-out training rows. */
  thresholds: Float32Array
  vocabulary: readonly string[]
  dims: number
  hidden: number
  window: number
  buckets: number
  /** vocabulary × dims, row-major. */
  embeddings: Float32Array
  /** window × dims × hidden. */
  conv: Float32Array
  convBias: Float32Array
  /** (2 × hidden) × labels: max-pooled then mean-pooled features. */
  out: Float32Array
  outBias: Float32Array
  /** buckets × labels. */
  wide: Float32Array
}

export interface NetPass {
  /** tokens × hidden pre-activations. */
  activations: Float32Array
  pooled: Float32Array
  /** Token index of each max-pooled unit, -1 when every activation was <= 0. */
  argmax: Int32Array
  probabilities: Float32Array
}

/** One forward pass. `dropout` (a 0 or 1/(1-p) mask over the pooled units) is given only while training. */
export function forwardEmotionNet(
  net: EmotionNet,
  tokens: Int32Array,
  wide: SparseFeatures,
  dropout?: Float32Array
): NetPass {
  const { dims, hidden, window } = net
  const labels = net.labels.length
  const steps = Math.max(1, tokens.length)
  const center = (window - 1) >> 1
  const activations = new Float32Array(steps * hidden)
  for (let t = 0; t < steps; t++) {
    const row = t * hidden
    activations.set(net.convBias, row)
    for (let k = 0; k < window; k++) {
      const s = t + k - center
      if (s < 0 || s >= tokens.length) continue
      const x = tokens[s]! * dims
      const w = k * dims * hidden
      for (let d = 0; d < dims; d++) {
        const value = net.embeddings[x + d]!
        if (value === 0) continue
        const wr = w + d * hidden
        for (let j = 0; j < hidden; j++) activations[row + j] = activations[row + j]! + value * net.conv[wr + j]!
      }
    }
  }
  const pooled = new Float32Array(2 * hidden)
  const argmax = new Int32Array(hidden)
  for (let j = 0; j < hidden; j++) {
    let max = 0
    let at = -1
    let sum = 0
    for (let t = 0; t < steps; t++) {
      const value = activations[t * hidden + j]!
      if (value <= 0) continue
      sum += value
      if (value > max) {
        max = value
        at = t
      }
    }
    pooled[j] = max
    pooled[hidden + j] = sum / steps
    argmax[j] = at
  }
  const logits = Float32Array.from(net.outBias)
  for (let j = 0; j < pooled.length; j++) {
    const value = pooled[j]! * (dropout ? dropout[j]! : 1)
    if (value === 0) continue
    const base = j * labels
    for (let l = 0; l < labels; l++) logits[l] = logits[l]! + value * net.out[base + l]!
  }
  for (let k = 0; k < wide.indices.length; k++) {
    const base = wide.indices[k]! * labels
    const value = wide.values[k]!
    for (let l = 0; l < labels; l++) logits[l] = logits[l]! + value * net.wide[base + l]!
  }
  for (let l = 0; l < labels; l++) logits[l] = 1 / (1 + Math.exp(-logits[l]!))
  return { activations, pooled, argmax, probabilities: logits }
}
