import { forwardEmotionNet, type EmotionNet } from '../../src/main/emotion/emotionNet'
import type { SparseFeatures } from '../../src/main/emotion/textFeatures'
import { seededRandom, shuffled } from '../seededRandom'

export interface TrainingExample {
  tokens: Int32Array
  wide: SparseFeatures
  targets: Uint8Array
}

export interface TrainOptions {
  epochs: number
  learningRate: number
  /** Dropout on the pooled units: the conv features co-adapt on 39k short texts without it. */
  dropout: number
  seed: number
  /** Per-output weight of a positive example's loss (rare labels); 1 when absent. */
  positiveWeights?: Float32Array
  /** Called after every epoch (experiments score each epoch without retraining). */
  onEpochEnd?: (epoch: number) => void
}

/** A fresh net: token vectors copied from the pretrained table, small random conv/out weights, zero wide table. */
export function initEmotionNet(
  base: Pick<EmotionNet, 'labels' | 'vocabulary' | 'dims' | 'hidden' | 'window' | 'buckets' | 'embeddings'>,
  seed: number
): EmotionNet {
  const random = seededRandom(seed)
  const uniform = (count: number, scale: number): Float32Array =>
    new Float32Array(count).map(() => (random() * 2 - 1) * scale)
  const { dims, hidden, window, buckets } = base
  const labels = base.labels.length
  return {
    ...base,
    embeddings: Float32Array.from(base.embeddings),
    thresholds: new Float32Array(labels).fill(0.5),
    conv: uniform(window * dims * hidden, 1.7 * Math.sqrt(2 / (window * dims))),
    convBias: new Float32Array(hidden),
    out: uniform(2 * hidden * labels, 1.7 * Math.sqrt(1 / (2 * hidden))),
    outBias: new Float32Array(labels),
    wide: new Float32Array(buckets * labels)
  }
}

/** Per-example AdaGrad on binary cross-entropy, backpropagating into the token vectors that the text used. */
export function trainEmotionNet(
  net: EmotionNet,
  examples: readonly TrainingExample[],
  options: TrainOptions,
  log: (line: string) => void
): void {
  const { dims, hidden, window } = net
  const labels = net.labels.length
  const center = (window - 1) >> 1
  const random = seededRandom(options.seed + 99)
  const rate = options.learningRate
  const sums = new Map<Float32Array, Float32Array>(
    [net.embeddings, net.conv, net.convBias, net.out, net.outBias, net.wide].map((w) => [w, new Float32Array(w.length)])
  )
  const step = (w: Float32Array, i: number, grad: number): void => {
    const g = sums.get(w)!
    g[i] = g[i]! + grad * grad
    w[i] = w[i]! - (rate * grad) / (Math.sqrt(g[i]) + 1e-6)
  }
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = Date.now()
    for (const { tokens, wide, targets } of shuffled(examples, options.seed + epoch)) {
      const mask = new Float32Array(2 * hidden).map(() => (random() < options.dropout ? 0 : 1 / (1 - options.dropout)))
      const pass = forwardEmotionNet(net, tokens, wide, mask)
      const dLogit = pass.probabilities.map((p, l) => (targets[l] ? (p - 1) * (options.positiveWeights?.[l] ?? 1) : p))
      for (let l = 0; l < labels; l++) step(net.outBias, l, dLogit[l]!)
      for (let k = 0; k < wide.indices.length; k++) {
        const base = wide.indices[k]! * labels
        for (let l = 0; l < labels; l++) step(net.wide, base + l, dLogit[l]! * wide.values[k]!)
      }
      const dPooled = new Float32Array(2 * hidden)
      for (let j = 0; j < 2 * hidden; j++) {
        if (mask[j] === 0) continue
        const value = pass.pooled[j]! * mask[j]!
        const base = j * labels
        let sum = 0
        for (let l = 0; l < labels; l++) {
          sum += net.out[base + l]! * dLogit[l]!
          if (value !== 0) step(net.out, base + l, value * dLogit[l]!)
        }
        dPooled[j] = sum * mask[j]!
      }
      if (tokens.length === 0) continue
      const steps = tokens.length
      const dAct = new Float32Array(steps * hidden)
      for (let j = 0; j < hidden; j++) {
        const at = pass.argmax[j]!
        if (at >= 0) dAct[at * hidden + j] = dAct[at * hidden + j]! + dPooled[j]!
        const share = dPooled[hidden + j]! / steps
        for (let t = 0; t < steps; t++)
          if (pass.activations[t * hidden + j]! > 0) dAct[t * hidden + j] = dAct[t * hidden + j]! + share
      }
      const gBias = new Float32Array(hidden)
      const gConv = new Float32Array(net.conv.length)
      const dTokens = new Float32Array(steps * dims)
      for (let t = 0; t < steps; t++) {
        const row = t * hidden
        let isActive = false
        for (let j = 0; j < hidden; j++) {
          if (pass.activations[row + j]! <= 0) dAct[row + j] = 0
          else if (dAct[row + j] !== 0) {
            isActive = true
            gBias[j] = gBias[j]! + dAct[row + j]!
          }
        }
        if (!isActive) continue
        for (let k = 0; k < window; k++) {
          const s = t + k - center
          if (s < 0 || s >= steps) continue
          const x = tokens[s]! * dims
          for (let d = 0; d < dims; d++) {
            const value = net.embeddings[x + d]!
            const wr = k * dims * hidden + d * hidden
            let back = 0
            for (let j = 0; j < hidden; j++) {
              const g = dAct[row + j]!
              gConv[wr + j] = gConv[wr + j]! + value * g
              back += net.conv[wr + j]! * g
            }
            dTokens[s * dims + d] = dTokens[s * dims + d]! + back
          }
        }
      }
      for (let j = 0; j < hidden; j++) if (gBias[j] !== 0) step(net.convBias, j, gBias[j]!)
      for (let i = 0; i < gConv.length; i++) if (gConv[i] !== 0) step(net.conv, i, gConv[i]!)
      for (let s = 0; s < steps; s++)
        for (let d = 0; d < dims; d++) step(net.embeddings, tokens[s]! * dims + d, dTokens[s * dims + d]!)
    }
    log(`epoch ${epoch + 1}/${options.epochs}: ${((Date.now() - started) / 1000).toFixed(0)} s`)
    options.onEpochEnd?.(epoch + 1)
  }
}

/** Grid steps on each side averaged before picking a threshold (0.01 apart). */
const SMOOTHING = 3

/**
 * Per-output threshold maximising that output's F1 on held-out rows; returns those F1s. The F1 curve is averaged over
 * neighbouring thresholds first: a rare label has ~70 held-out positives, and its raw curve's highest spike is noise.
 */
export function tuneThresholds(net: EmotionNet, examples: readonly TrainingExample[]): number[] {
  const probabilities = examples.map((e) => forwardEmotionNet(net, e.tokens, e.wide).probabilities)
  const grid = Array.from({ length: 89 }, (_, k) => 0.02 + k * 0.01)
  return net.labels.map((_, l) => {
    const f1s = grid.map((t) => {
      let tp = 0
      let fp = 0
      let fn = 0
      probabilities.forEach((p, i) => {
        const isPredicted = p[l]! >= t
        const isGold = examples[i]!.targets[l] === 1
        if (isPredicted && isGold) tp++
        else if (isPredicted) fp++
        else if (isGold) fn++
      })
      return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
    })
    let best = { smoothed: -1, f1: 0, threshold: 0.5 }
    grid.forEach((threshold, k) => {
      const near = f1s.slice(Math.max(0, k - SMOOTHING), k + SMOOTHING + 1)
      const smoothed = near.reduce((a, b) => a + b, 0) / near.length
      if (smoothed > best.smoothed) best = { smoothed, f1: f1s[k]!, threshold }
    })
    net.thresholds[l] = best.threshold
    return best.f1
  })
}

/** A copy of every weight, to keep the best epoch while training goes on. */
export function cloneEmotionNet(net: EmotionNet): EmotionNet {
  return {
    ...net,
    thresholds: Float32Array.from(net.thresholds),
    embeddings: Float32Array.from(net.embeddings),
    conv: Float32Array.from(net.conv),
    convBias: Float32Array.from(net.convBias),
    out: Float32Array.from(net.out),
    outBias: Float32Array.from(net.outBias),
    wide: Float32Array.from(net.wide)
  }
}
