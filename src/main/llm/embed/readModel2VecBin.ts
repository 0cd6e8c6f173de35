import { AppError } from '../../../shared/errors'

/** Dequantised static embedding table, as stored in a "GGE1" file. */
export interface StaticEmbeddingTable {
  rows: number
  dims: number
  /** rows × dims, row-major. */
  weights: Float32Array
  /** Token strings in id order. */
  vocabulary: string[]
}

const MAGIC = 'GGE1'

/**
 * Parses the int8 Model2Vec format shipped in resources/embeddings (see its PROVENANCE.md):
 * "GGE1" | u32 rows | u32 dims | rows×f32 scale | rows×dims×i8 | rows×(u16 len + UTF-8 token), little-endian.
 */
export function readModel2VecBin(bytes: Uint8Array): StaticEmbeddingTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const fail = (why: string): never => {
    throw new AppError('MODEL_FILE_INVALID', `The embedding model file is damaged: ${why}.`)
  }
  if (bytes.byteLength < 12) fail('file too short')
  const magic = new TextDecoder().decode(bytes.subarray(0, 4))
  if (magic !== MAGIC) fail(`expected "${MAGIC}" header, found "${magic}"`)
  const rows = view.getUint32(4, true)
  const dims = view.getUint32(8, true)
  const scalesStart = 12
  const valuesStart = scalesStart + rows * 4
  const vocabStart = valuesStart + rows * dims
  if (rows === 0 || dims === 0 || vocabStart > bytes.byteLength) fail('table size does not match the file size')

  const weights = new Float32Array(rows * dims)
  for (let r = 0; r < rows; r++) {
    const scale = view.getFloat32(scalesStart + r * 4, true)
    const rowStart = valuesStart + r * dims
    for (let j = 0; j < dims; j++) {
      weights[r * dims + j] = view.getInt8(rowStart + j) * scale
    }
  }

  const decoder = new TextDecoder()
  const vocabulary: string[] = new Array<string>(rows)
  let offset = vocabStart
  for (let r = 0; r < rows; r++) {
    if (offset + 2 > bytes.byteLength) fail('vocabulary is truncated')
    const length = view.getUint16(offset, true)
    offset += 2
    if (offset + length > bytes.byteLength) fail('vocabulary is truncated')
    vocabulary[r] = decoder.decode(bytes.subarray(offset, offset + length))
    offset += length
  }
  return { rows, dims, weights, vocabulary }
}
