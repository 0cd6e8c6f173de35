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
