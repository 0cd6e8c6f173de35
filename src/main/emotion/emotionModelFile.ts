import { AppError } from '../../shared/errors'
import type { EmotionWeights, LinearHead } from './emotionModel'

const MAGIC = 'EMO1'

interface Header {
  buckets: number
  dims: number
  heads: { name: string; labels: string[]; thresholds: number[] }[]
}

/**
 * "EMO1" | u32 header length | header JSON | per head: f32 scale per label, i8 sparse weights (buckets × labels),
 * f32 dense weights (dims × labels), f32 bias. The n-gram table is int8 with one scale per label: 4x smaller.
 */
export function encodeEmotionWeights(weights: EmotionWeights): Uint8Array {
  const header: Header = { buckets: weights.buckets, dims: weights.dims, heads: weights.heads.map((h) => ({ name: h.name, labels: [...h.labels], thresholds: Array.from(h.thresholds) })) }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const parts: Uint8Array[] = [new TextEncoder().encode(MAGIC), u32(headerBytes.length), headerBytes]
  for (const head of weights.heads) {
    const count = head.labels.length
    const scales = new Float32Array(count)
    for (let i = 0; i < head.sparse.length; i++) scales[i % count] = Math.max(scales[i % count]!, Math.abs(head.sparse[i]!))
    for (let l = 0; l < count; l++) scales[l] = scales[l]! / 127 || 1
    const quantised = new Int8Array(head.sparse.length)
    for (let i = 0; i < head.sparse.length; i++) quantised[i] = Math.round(head.sparse[i]! / scales[i % count]!)
    parts.push(bytesOf(scales), new Uint8Array(quantised.buffer), bytesOf(head.dense), bytesOf(head.bias))
  }
  const total = parts.reduce((sum, p) => sum + p.length, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

export function decodeEmotionWeights(bytes: Uint8Array): EmotionWeights {
  const fail = (why: string): never => {
    throw new AppError('MODEL_FILE_INVALID', `The emotion model file is damaged: ${why}.`)
  }
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) fail('wrong header')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(4, true)
  let header: Header
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header
  } catch (cause) {
    throw new AppError('MODEL_FILE_INVALID', 'The emotion model file is damaged: unreadable header.', { cause })
  }
  let offset = 8 + headerLength
  const take = (length: number): Uint8Array => {
    if (offset + length > bytes.length) fail('truncated')
    // A copy: Node Buffers share one pool, so views would not start on a 4-byte boundary.
    const slice = new Uint8Array(bytes.subarray(offset, offset + length))
    offset += length
    return slice
  }
  const heads: LinearHead[] = header.heads.map((h) => {
    const count = h.labels.length
    const scales = new Float32Array(take(count * 4).buffer)
    const quantised = new Int8Array(take(header.buckets * count).buffer)
    const sparse = new Float32Array(quantised.length)
    for (let i = 0; i < quantised.length; i++) sparse[i] = quantised[i]! * scales[i % count]!
    return {
      name: h.name,
      labels: h.labels,
      sparse,
      dense: new Float32Array(take(header.dims * count * 4).buffer),
      bias: new Float32Array(take(count * 4).buffer),
      thresholds: Float32Array.from(h.thresholds)
    }
  })
  return { buckets: header.buckets, dims: header.dims, heads }
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4)
  new DataView(bytes.buffer).setUint32(0, value, true)
  return bytes
}

function bytesOf(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}
