/**
 * A minimal GGUF v3 writer for tests: string/number/bool/array metadata and F32 tensors, 32-byte aligned.
 * Layout: "GGUF" u32 version | u64 tensor count | u64 kv count | kvs | tensor infos | pad | tensor data.
 */
export type GgufValue = string | number | boolean | { type: 'f32' | 'u32' | 'i32'; value: number } | string[]

export interface GgufTensor {
  name: string
  /** GGUF order: ne[0] is the fastest-moving dimension. */
  dims: number[]
  data: Float32Array
}

const ALIGNMENT = 32

class Writer {
  private readonly chunks: Buffer[] = []
  length = 0
  push(buffer: Buffer): void {
    this.chunks.push(buffer)
    this.length += buffer.length
  }
  u32(v: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(v)
    this.push(b)
  }
  u64(v: number): void {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(v))
    this.push(b)
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8')
    this.u64(bytes.length)
    this.push(bytes)
  }
  value(v: GgufValue): void {
    if (typeof v === 'string') {
      this.u32(8)
      this.str(v)
    } else if (typeof v === 'boolean') {
      this.u32(7)
      this.push(Buffer.from([v ? 1 : 0]))
    } else if (typeof v === 'number') {
      this.u32(4)
      this.u32(v)
    } else if (Array.isArray(v)) {
      this.u32(9)
      this.u32(8)
      this.u64(v.length)
      for (const item of v) this.str(item)
    } else {
      const b = Buffer.alloc(4)
      if (v.type === 'f32') b.writeFloatLE(v.value)
      else if (v.type === 'i32') b.writeInt32LE(v.value)
      else b.writeUInt32LE(v.value)
      this.u32(v.type === 'f32' ? 6 : v.type === 'i32' ? 5 : 4)
      this.push(b)
    }
  }
  pad(): void {
    const rest = this.length % ALIGNMENT
    if (rest) this.push(Buffer.alloc(ALIGNMENT - rest))
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks)
  }
}

export function writeGguf(metadata: Record<string, GgufValue>, tensors: readonly GgufTensor[]): Buffer {
  const w = new Writer()
  w.push(Buffer.from('GGUF', 'latin1'))
  w.u32(3)
  w.u64(tensors.length)
  w.u64(Object.keys(metadata).length)
  for (const [key, value] of Object.entries(metadata)) {
    w.str(key)
    w.value(value)
  }
  let offset = 0
  for (const tensor of tensors) {
    w.str(tensor.name)
    w.u32(tensor.dims.length)
    for (const d of tensor.dims) w.u64(d)
    w.u32(0)
    w.u64(offset)
    offset += Math.ceil((tensor.data.length * 4) / ALIGNMENT) * ALIGNMENT
  }
  w.pad()
  for (const tensor of tensors) {
    w.push(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength))
    w.pad()
  }
  return w.bytes()
}

/** Header fields and values to overwrite in place in an existing GGUF (same width, so the rest stays valid). */
export interface GgufPatch {
  version?: number
  tensorCount?: bigint
  kvCount?: bigint
  /** u32/i32 metadata values by key. */
  u32?: Record<string, number>
  /** The declared element count of array values by key (the elements themselves stay as they are). */
  arrayLength?: Record<string, bigint>
}

/**
 * A copy of `gguf` with single fields overwritten: the hostile files of issue 13 (zero or absurd block_count,
 * zero head counts, an array claiming 2^40 elements, 2^62 tensors...) built from a real, otherwise loadable model.
 */
export function patchGguf(gguf: Buffer, patch: GgufPatch): Buffer {
  const out = Buffer.from(gguf)
  if (patch.version !== undefined) out.writeUInt32LE(patch.version, 4)
  if (patch.tensorCount !== undefined) out.writeBigUInt64LE(patch.tensorCount, 8)
  if (patch.kvCount !== undefined) out.writeBigUInt64LE(patch.kvCount, 16)
  for (const [key, value] of Object.entries(patch.u32 ?? {})) {
    const at = valueOffset(out, key, [4, 5])
    if (value < 0) out.writeInt32LE(value, at)
    else out.writeUInt32LE(value, at)
  }
  for (const [key, length] of Object.entries(patch.arrayLength ?? {}))
    out.writeBigUInt64LE(length, valueOffset(out, key, [9]) + 4)
  return out
}

function valueOffset(gguf: Buffer, key: string, types: number[]): number {
  const name = Buffer.from(key, 'utf8')
  const prefix = Buffer.alloc(8)
  prefix.writeBigUInt64LE(BigInt(name.length))
  const at = gguf.indexOf(Buffer.concat([prefix, name]))
  if (at < 0) throw new Error(`no key ${key} in this GGUF`)
  const typeAt = at + 8 + name.length
  const type = gguf.readUInt32LE(typeAt)
  if (!types.includes(type)) throw new Error(`${key} has type ${type}, not ${types.join('/')}`)
  return typeAt + 4
}
