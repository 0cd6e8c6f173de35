import { scoreHead, sigmoid, type Features, type LinearHead } from '../../src/main/emotion/emotionModel'

export interface TrainOptions {
  epochs: number
  learningRate: number
  l2: number
  seed: number
}

/** Deterministic shuffle (mulberry32), so training gives the same weights every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** One-vs-rest logistic regression with AdaGrad on sparse + dense features. */
export function trainHead(head: LinearHead, examples: readonly { features: Features; targets: Uint8Array }[], options: TrainOptions): void {
  const count = head.labels.length
  const sparseG = new Float32Array(head.sparse.length)
  const denseG = new Float32Array(head.dense.length)
  const biasG = new Float32Array(count)
  const step = (w: Float32Array, g: Float32Array, i: number, grad: number): void => {
    g[i] = g[i]! + grad * grad
    w[i] = w[i]! - (options.learningRate * grad) / (Math.sqrt(g[i]!) + 1e-6)
  }
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const { features, targets } of shuffled(examples, options.seed + epoch)) {
      const probs = scoreHead(head, features)
      for (let l = 0; l < count; l++) {
        const error = probs[l]! - targets[l]!
        step(head.bias, biasG, l, error)
        const { indices, values } = features.sparse
        for (let k = 0; k < indices.length; k++) {
          const i = indices[k]! * count + l
          step(head.sparse, sparseG, i, error * values[k]! + options.l2 * head.sparse[i]!)
        }
        for (let j = 0; j < features.dense.length; j++) {
          const i = j * count + l
          step(head.dense, denseG, i, error * features.dense[j]! + options.l2 * head.dense[i]!)
        }
      }
    }
  }
  void sigmoid
}

/** Per-label threshold maximising that label's F1 on held-out rows. */
export function tuneThresholds(head: LinearHead, examples: readonly { features: Features; targets: Uint8Array }[]): void {
  const count = head.labels.length
  const probs = examples.map((e) => scoreHead(head, e.features))
  for (let l = 0; l < count; l++) {
    let best = { f1: -1, threshold: 0.5 }
    for (let t = 0.05; t <= 0.9; t += 0.025) {
      let tp = 0
      let fp = 0
      let fn = 0
      for (let i = 0; i < examples.length; i++) {
        const isPredicted = probs[i]![l]! >= t
        const isGold = examples[i]!.targets[l] === 1
        if (isPredicted && isGold) tp++
        else if (isPredicted) fp++
        else if (isGold) fn++
      }
      const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
      if (f1 > best.f1) best = { f1, threshold: t }
    }
    head.thresholds[l] = best.threshold
  }
}
