import { hashedFeatures, type SparseFeatures } from './textFeatures'

/** One linear multi-label head: hashed n-gram weights + sentence-embedding weights + bias, per label. */
export interface LinearHead {
  name: string
  labels: readonly string[]
  /** buckets × labels, bucket-major. */
  sparse: Float32Array
  /** dims × labels. */
  dense: Float32Array
  bias: Float32Array
  /** Per-label decision thresholds on the sigmoid output, tuned for F1 on held-out training data. */
  thresholds: Float32Array
}

export interface EmotionWeights {
  buckets: number
  dims: number
  heads: LinearHead[]
}

export interface Features {
  sparse: SparseFeatures
  dense: Float32Array
}

export function buildFeatures(text: string, buckets: number, embed: (text: string) => Float32Array): Features {
  return { sparse: hashedFeatures(text, buckets), dense: embed(text) }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/** Probabilities per label of one head. */
export function scoreHead(head: LinearHead, features: Features): Float32Array {
  const count = head.labels.length
  const logits = Float32Array.from(head.bias)
  const { indices, values } = features.sparse
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k]! * count
    const value = values[k]!
    for (let l = 0; l < count; l++) logits[l] = logits[l]! + value * head.sparse[base + l]!
  }
  for (let j = 0; j < features.dense.length; j++) {
    const value = features.dense[j]!
    if (value === 0) continue
    const base = j * count
    for (let l = 0; l < count; l++) logits[l] = logits[l]! + value * head.dense[base + l]!
  }
  for (let l = 0; l < count; l++) logits[l] = sigmoid(logits[l]!)
  return logits
}

export function createHead(name: string, labels: readonly string[], buckets: number, dims: number): LinearHead {
  return {
    name,
    labels,
    sparse: new Float32Array(buckets * labels.length),
    dense: new Float32Array(dims * labels.length),
    bias: new Float32Array(labels.length),
    thresholds: new Float32Array(labels.length).fill(0.5)
  }
}
