import { AppError } from '../../shared/errors'
import type { EmotionNet } from './emotionNet'
import { FEATURE_SET } from './textFeatures'

const MAGIC = 'EMO2'

interface Header {
  labels: string[]
  thresholds: number[]
  vocabulary: string[]
  dims: number
  hidden: number
  window: number
  buckets: number
  /** The text features the weights were trained on (textFeatures' FEATURE_SET). */
  features: string
  /** FNV-1a of every byte after the header: a flipped bit fails loudly instead of skewing every reading. */
  checksum: number
}

/**
 * "EMO2" | u32 header length | header JSON | token vectors (f32 scale per row, i8 rows) | conv f32 | conv bias f32 |
 * out f32 | out bias f32 | wide (f32 scale per label, i8 buckets × labels). The two big tables are int8: 4x smaller.
 */
export function encodeEmotionNet(net: EmotionNet): Uint8Array {
  const labels = net.labels.length
  const embeddings = quantise(net.embeddings, net.vocabulary.length, net.dims, 'rows')
  const wide = quantise(net.wide, net.buckets, labels, 'columns')
  const body = concat([
    embeddings.scales,
    embeddings.values,
    bytesOf(net.conv),
    bytesOf(net.convBias),
    bytesOf(net.out),
    bytesOf(net.outBias),
    wide.scales,
    wide.values
  ])
  const header: Header = {
    labels: [...net.labels],
    thresholds: Array.from(net.thresholds),
    vocabulary: [...net.vocabulary],
    dims: net.dims,
    hidden: net.hidden,
    window: net.window,
    buckets: net.buckets,
    features: FEATURE_SET,
    checksum: fnv1a(body)
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const length = new Uint8Array(4)
  new DataView(length.buffer).setUint32(0, headerBytes.length, true)
  return concat([new TextEncoder().encode(MAGIC), length, headerBytes, body])
}

export function decodeEmotionNet(bytes: Uint8Array): EmotionNet {
  const fail = (why: string, cause?: unknown): never => {
    throw new AppError('MODEL_FILE_INVALID', `The emotion model file is damaged: ${why}.`, { cause })
  }
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) fail('wrong header')
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true)
  let header: Header = undefined as never
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header
  } catch (cause) {
    fail('unreadable header', cause)
  }
  const { dims, hidden, window, buckets } = header
  const labels = header.labels?.length ?? 0
  const rows = header.vocabulary?.length ?? 0
  if (
    ![dims, hidden, window, buckets, labels, rows].every((n) => Number.isInteger(n) && n > 0) ||
    header.thresholds.length !== labels
  )
    fail('bad shapes')
  if (header.features !== FEATURE_SET)
    fail(`made for other text features (${String(header.features)}); run npm run train:emotion`)
  const body = bytes.subarray(8 + headerLength)
  const expected =
    rows * 4 +
    rows * dims +
    (window * dims * hidden + hidden + 2 * hidden * labels + labels) * 4 +
    labels * 4 +
    buckets * labels
  if (body.length !== expected) fail(`expected ${expected} weight bytes, found ${body.length}`)
  if (fnv1a(body) !== header.checksum) fail('checksum mismatch')
  let offset = 0
  // Copies: Node Buffers share one pool, so views would not start on a 4-byte boundary.
  const take = (length: number): Uint8Array => new Uint8Array(body.subarray(offset, (offset += length)))
  const floats = (count: number): Float32Array => new Float32Array(take(count * 4).buffer)
  const embeddings = dequantise(floats(rows), new Int8Array(take(rows * dims).buffer), dims, 'rows')
  const conv = floats(window * dims * hidden)
  const convBias = floats(hidden)
  const out = floats(2 * hidden * labels)
  const outBias = floats(labels)
  const wide = dequantise(floats(labels), new Int8Array(take(buckets * labels).buffer), labels, 'columns')
  return {
    labels: header.labels,
    thresholds: Float32Array.from(header.thresholds),
    vocabulary: header.vocabulary,
    dims,
    hidden,
    window,
    buckets,
    embeddings,
    conv,
    convBias,
    out,
    outBias,
    wide
  }
}

/** Symmetric int8 with one scale per row (token vectors) or per column (a label's wide weights). */
function quantise(
  matrix: Float32Array,
  rows: number,
  cols: number,
  by: 'rows' | 'columns'
): { scales: Uint8Array; values: Uint8Array } {
  const scales = new Float32Array(by === 'rows' ? rows : cols)
  const slot = (i: number): number => (by === 'rows' ? Math.floor(i / cols) : i % cols)
  for (let i = 0; i < matrix.length; i++) scales[slot(i)] = Math.max(scales[slot(i)]!, Math.abs(matrix[i]!) / 127)
  const values = new Int8Array(matrix.length)
  for (let i = 0; i < matrix.length; i++)
    values[i] = scales[slot(i)]! > 0 ? Math.round(matrix[i]! / scales[slot(i)]!) : 0
  return { scales: bytesOf(scales), values: new Uint8Array(values.buffer) }
}

function dequantise(scales: Float32Array, values: Int8Array, cols: number, by: 'rows' | 'columns'): Float32Array {
  const out = new Float32Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * scales[by === 'rows' ? Math.floor(i / cols) : i % cols]!
  return out
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h >>> 0
}

function bytesOf(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
