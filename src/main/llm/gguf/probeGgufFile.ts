/** Bounds a GGUF header must stay within before anything else reads it. */
export interface GgufProbeLimits {
  maxTensorCount: number
  maxKvCount: number
  maxArrayLength: number
  maxStringBytes: number
}

export interface GgufArraySummary {
  /** GGUF value type of the elements. */
  arrayOf: number
  length: number
  /** Numeric arrays up to 4,096 long (per-layer head counts); longer ones are only counted. */
  values: number[] | null
}

export type GgufProbeValue = number | string | boolean | GgufArraySummary

export interface GgufProbe {
  version: number
  tensorCount: number
  kvCount: number
  fileSize: number
  metadata: Record<string, GgufProbeValue>
  /** Where tensor data starts (after the aligned header). */
  dataStart: number
}

interface FsLike {
  constants: { O_RDONLY: number; O_NONBLOCK?: number }
  openSync(path: string, flags: number): number
  fstatSync(fd: number): { isFile(): boolean; size: number }
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number
  closeSync(fd: number): void
}

/**
 * Walks a GGUF header with every declared count and length checked against fixed limits and against the bytes
 * the file actually has, so no value in the file can make it allocate, loop or read without bound. Throws an Error
 * whose message says what is wrong.
 *
 * It runs inside a worker (see readGgufSafely), built from this function's source: it must stay self-contained,
 * referring to nothing outside its own body but its arguments and globals.
 */
export function probeGgufFile(fs: FsLike, path: string, limits: GgufProbeLimits): GgufProbe {
  const KNOWN_GGML_TYPES = new Set([
    0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 34, 35,
    39
  ])
  const SCALAR_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 }
  const CHUNK = 1 << 20
  // O_NONBLOCK: should the path have become a pipe since it was checked, opening it must not wait for a writer.
  const fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0))
  try {
    const stats = fs.fstatSync(fd)
    if (!stats.isFile()) throw new Error('it is not a regular file')
    const size = stats.size
    let buffer = Buffer.alloc(0)
    let bufferStart = 0
    let pos = 0
    const ensure = (n: number): void => {
      if (pos + n > size) throw new Error(`it is cut off at byte ${pos} of ${size}`)
      if (pos >= bufferStart && pos + n <= bufferStart + buffer.length) return
      const length = Math.min(Math.max(n, CHUNK), size - pos)
      buffer = Buffer.alloc(length)
      if (fs.readSync(fd, buffer, 0, length, pos) !== length) throw new Error('it changed while being read')
      bufferStart = pos
    }
    const at = (): number => pos - bufferStart
    const u32 = (): number => {
      ensure(4)
      const v = buffer.readUInt32LE(at())
      pos += 4
      return v
    }
    const u64 = (): bigint => {
      ensure(8)
      const v = buffer.readBigUInt64LE(at())
      pos += 8
      return v
    }
    const skip = (n: number): void => {
      if (pos + n > size) throw new Error(`it is cut off at byte ${pos} of ${size}`)
      pos += n
    }
    /** A declared count, refused when above `max` or when `minBytesEach` of them cannot fit in the file. */
    const count = (value: bigint, max: number, minBytesEach: number, what: string): number => {
      if (value > BigInt(max)) throw new Error(`it declares ${value} ${what} (at most ${max})`)
      const n = Number(value)
      if (pos + n * minBytesEach > size) throw new Error(`it declares ${n} ${what}, more than the file can hold`)
      return n
    }
    const string = (maxBytes: number, keep: boolean): string => {
      const length = count(u64(), maxBytes, 1, 'bytes in one string')
      if (!keep) {
        skip(length)
        return ''
      }
      ensure(length)
      const text = buffer.toString('utf8', at(), at() + length)
      pos += length
      return text
    }
    const readScalar = (type: number): number | boolean => {
      const width = SCALAR_SIZES[type]
      if (width === undefined) throw new Error(`it has a value of unknown type ${type}`)
      ensure(width)
      const o = at()
      pos += width
      switch (type) {
        case 0:
          return buffer.readUInt8(o)
        case 1:
          return buffer.readInt8(o)
        case 2:
          return buffer.readUInt16LE(o)
        case 3:
          return buffer.readInt16LE(o)
        case 4:
          return buffer.readUInt32LE(o)
        case 5:
          return buffer.readInt32LE(o)
        case 6:
          return buffer.readFloatLE(o)
        case 7:
          return buffer.readUInt8(o) !== 0
        case 10:
          return Number(buffer.readBigUInt64LE(o))
        case 11:
          return Number(buffer.readBigInt64LE(o))
        default:
          return buffer.readDoubleLE(o)
      }
    }
    const readValue = (type: number): GgufProbeValue => {
      if (type === 8) return string(limits.maxStringBytes, true)
      if (type !== 9) return readScalar(type)
      const arrayOf = u32()
      if (arrayOf === 9) throw new Error('it has an array of arrays')
      const width = arrayOf === 8 ? 8 : SCALAR_SIZES[arrayOf]
      if (width === undefined) throw new Error(`it has an array of unknown type ${arrayOf}`)
      const length = count(u64(), limits.maxArrayLength, width, 'array elements')
      if (arrayOf === 8) {
        for (let i = 0; i < length; i++) string(limits.maxStringBytes, false)
        return { arrayOf, length, values: null }
      }
      if (length > 4096 || arrayOf === 7) {
        skip(length * width)
        return { arrayOf, length, values: null }
      }
      const values: number[] = []
      for (let i = 0; i < length; i++) values.push(Number(readScalar(arrayOf)))
      return { arrayOf, length, values }
    }

    // Too short for the signature is no GGUF at all (a text file), not a GGUF cut off: the caller says so plainly.
    if (size < 4) throw new Error('it is not a GGUF file')
    ensure(4)
    if (buffer.toString('latin1', 0, 4) !== 'GGUF') throw new Error('it is not a GGUF file')
    pos = 4
    const version = u32()
    if (version !== 2 && version !== 3)
      throw new Error(`it is GGUF version ${version} (versions 2 and 3 are supported)`)
    const tensorCountRaw = u64()
    const kvCountRaw = u64()
    // The smallest key-value is 13 bytes (empty key, type, one byte); the smallest tensor info 33 bytes.
    const kvCount = count(kvCountRaw, limits.maxKvCount, 13, 'metadata entries')
    if (tensorCountRaw > BigInt(limits.maxTensorCount))
      throw new Error(`it declares ${tensorCountRaw} tensors (at most ${limits.maxTensorCount})`)
    const tensorCount = Number(tensorCountRaw)
    const metadata: Record<string, GgufProbeValue> = {}
    for (let i = 0; i < kvCount; i++) {
      const key = string(1024, true)
      if (Object.prototype.hasOwnProperty.call(metadata, key)) throw new Error(`it has the key "${key}" twice`)
      metadata[key] = readValue(u32())
    }
    if (pos + tensorCount * 33 > size)
      throw new Error(`it declares ${tensorCount} tensors, more than the file can hold`)
    const alignment = metadata['general.alignment'] ?? 32
    if (typeof alignment !== 'number' || alignment < 1 || alignment > 65536 || (alignment & (alignment - 1)) !== 0)
      throw new Error('its general.alignment is not a power of two')
    const names = new Set<string>()
    for (let i = 0; i < tensorCount; i++) {
      const name = string(64, true)
      if (names.has(name)) throw new Error(`it has the tensor "${name}" twice`)
      names.add(name)
      const dimensions = u32()
      if (dimensions < 1 || dimensions > 4) throw new Error(`its tensor "${name}" has ${dimensions} dimensions`)
      let elements = 1
      for (let d = 0; d < dimensions; d++) {
        const extent = u64()
        if (extent < 1n || extent > 2n ** 40n) throw new Error(`its tensor "${name}" has an extent of ${extent}`)
        elements *= Number(extent)
      }
      if (elements > 2 ** 50) throw new Error(`its tensor "${name}" is impossibly large`)
      const type = u32()
      if (!KNOWN_GGML_TYPES.has(type)) throw new Error(`its tensor "${name}" has unknown type ${type}`)
      const offset = u64()
      if (offset % BigInt(alignment) !== 0n || offset > BigInt(size))
        throw new Error(`its tensor "${name}" starts outside the file`)
    }
    const dataStart = Math.ceil(pos / alignment) * alignment
    return { version, tensorCount, kvCount, fileSize: size, metadata, dataStart }
  } finally {
    fs.closeSync(fd)
  }
}
