import { AppError } from '../../shared/errors'

/** What the voice code needs to know about an ONNX model before native code opens it. */
export interface OnnxHeader {
  /** The model's metadata_props (sherpa-onnx reads sample rates, speaker counts and vocabularies from them). */
  metadata: Record<string, string>
  /** Graph input names in order, without initializers (older exports list weights as inputs too). */
  inputs: string[]
  outputs: string[]
}

/**
 * Checks that bytes are an ONNX model before native code sees them, and reads its metadata and input/output names.
 * ONNX Runtime inside sherpa-onnx aborts the whole process (an uncaught C++ exception) on a file it cannot parse, so
 * a corrupt or truncated file must be refused here with a typed error. The check walks the protobuf structure of the
 * ModelProto and of its graph: every field must be well formed and inside the file, and the model must have an IR
 * version and a graph.
 */
export function checkOnnxFile(bytes: Uint8Array, label: string): OnnxHeader {
  const invalid = (why: string): AppError =>
    new AppError('MODEL_FILE_INVALID', `${label} is not a valid ONNX model (${why}).`)
  const top = walkMessage(bytes, 0, bytes.length)
  if (top === null) throw invalid('damaged or truncated')
  if (!top.has(MODEL_IR_VERSION)) throw invalid('no IR version')
  const graphSpan = top.get(MODEL_GRAPH)?.at(-1)
  if (graphSpan === undefined) throw invalid('no graph')
  const graph = walkMessage(bytes, graphSpan.start, graphSpan.end)
  if (graph === null) throw invalid('damaged graph')
  const metadata: Record<string, string> = {}
  for (const span of top.get(MODEL_METADATA_PROPS) ?? []) {
    const entry = walkMessage(bytes, span.start, span.end)
    if (entry === null) throw invalid('damaged metadata')
    const key = stringField(bytes, entry, 1)
    if (key !== '') metadata[key] = stringField(bytes, entry, 2)
  }
  const namesOf = (field: number): string[] =>
    (graph.get(field) ?? []).map((span) => {
      const info = walkMessage(bytes, span.start, span.end)
      if (info === null) throw invalid('damaged graph inputs or outputs')
      return stringField(bytes, info, 1)
    })
  const initializers = new Set(
    (graph.get(GRAPH_INITIALIZER) ?? []).map((span) => {
      const tensor = walkMessage(bytes, span.start, span.end)
      return tensor === null ? '' : stringField(bytes, tensor, TENSOR_NAME)
    })
  )
  return {
    metadata,
    inputs: namesOf(GRAPH_INPUT).filter((name) => !initializers.has(name)),
    outputs: namesOf(GRAPH_OUTPUT)
  }
}

const MODEL_IR_VERSION = 1
const MODEL_GRAPH = 7
const MODEL_METADATA_PROPS = 14
const GRAPH_INITIALIZER = 5
const GRAPH_INPUT = 11
const GRAPH_OUTPUT = 12
const TENSOR_NAME = 8

interface FieldSpan {
  start: number
  end: number
}

const utf8 = new TextDecoder()

function stringField(bytes: Uint8Array, fields: Map<number, FieldSpan[]>, field: number): string {
  const span = fields.get(field)?.at(-1)
  return span ? utf8.decode(bytes.subarray(span.start, span.end)) : ''
}

/** Field number -> its length-delimited spans (empty spans for scalars); null when the bytes are not protobuf. */
function walkMessage(bytes: Uint8Array, start: number, end: number): Map<number, FieldSpan[]> | null {
  const fields = new Map<number, FieldSpan[]>()
  const add = (field: number, span: FieldSpan): void => {
    const spans = fields.get(field)
    if (spans) spans.push(span)
    else fields.set(field, [span])
  }
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
      add(fieldNumber, { start: at, end: at })
    } else if (wireType === 1 || wireType === 5) {
      at += wireType === 1 ? 8 : 4
      if (at > end) return null
      add(fieldNumber, { start: at, end: at })
    } else if (wireType === 2) {
      const length = readVarint(bytes, at, end)
      if (length === null || length.next + length.value > end) return null
      add(fieldNumber, { start: length.next, end: length.next + length.value })
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
