import { AppError } from '../../shared/errors'

/**
 * Checks that bytes are an ONNX model before native code sees them. ONNX Runtime inside sherpa-onnx aborts the whole
 * process (an uncaught C++ exception) on a file it cannot parse, so a corrupt or truncated file must be refused here
 * with a typed error. The check walks the protobuf structure of the ModelProto and of its graph: every field must be
 * well formed and inside the file, and the model must have an IR version and a graph.
 */
export function checkOnnxFile(bytes: Uint8Array, label: string): void {
  const invalid = (why: string): AppError =>
    new AppError('MODEL_FILE_INVALID', `${label} is not a valid ONNX model (${why}).`)
  const top = walkMessage(bytes, 0, bytes.length)
  if (top === null) throw invalid('damaged or truncated')
  if (!top.has(MODEL_IR_VERSION)) throw invalid('no IR version')
  const graph = top.get(MODEL_GRAPH)
  if (graph === undefined) throw invalid('no graph')
  if (walkMessage(bytes, graph.start, graph.end) === null) throw invalid('damaged graph')
}

const MODEL_IR_VERSION = 1
const MODEL_GRAPH = 7

interface FieldSpan {
  start: number
  end: number
}

/** Field number -> last length-delimited span (or an empty span for scalars); null when the bytes are not protobuf. */
function walkMessage(bytes: Uint8Array, start: number, end: number): Map<number, FieldSpan> | null {
  const fields = new Map<number, FieldSpan>()
  let at = start
  while (at < end) {
    const key = readVarint(bytes, at, end)
    if (key === null) return null
    at = key.next
    const fieldNumber = Math.floor(key.value / 8)
    const wireType = key.value % 8
    if (fieldNumber === 0) return null
    if (wireType === 0) {
      const value = readVarint(bytes, at, end)
      if (value === null) return null
      at = value.next
      fields.set(fieldNumber, { start: at, end: at })
    } else if (wireType === 1 || wireType === 5) {
      at += wireType === 1 ? 8 : 4
      if (at > end) return null
      fields.set(fieldNumber, { start: at, end: at })
    } else if (wireType === 2) {
      const length = readVarint(bytes, at, end)
      if (length === null || length.next + length.value > end) return null
      fields.set(fieldNumber, { start: length.next, end: length.next + length.value })
      at = length.next + length.value
    } else {
      // Groups (3, 4) are not used by ONNX; 6 and 7 do not exist.
      return null
    }
  }
  return fields
}

function readVarint(bytes: Uint8Array, start: number, end: number): { value: number; next: number } | null {
  let value = 0
  let scale = 1
  for (let at = start; at < end && at < start + 10; at++) {
    const byte = bytes[at] ?? 0
    value += (byte & 0x7f) * scale
    scale *= 128
    if ((byte & 0x80) === 0) return { value, next: at + 1 }
  }
  return null
}
