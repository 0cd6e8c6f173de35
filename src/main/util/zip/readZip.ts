import { crc32 } from 'node:zlib'
import { Inflate } from 'fflate'
import { AppError, type ErrorCode } from '../../../shared/errors'

/** What an archive may hold before it is refused; every limit is checked before anything is inflated. */
export interface ZipLimits {
  maxArchiveBytes: number
  maxEntries: number
  /** Largest declared uncompressed size of one entry. */
  maxEntryBytes: number
  /** Largest sum of declared uncompressed sizes. */
  maxTotalBytes: number
  /** Largest uncompressed/compressed ratio of an entry above 1 MB (deflate reaches ~1000:1 on zeros; text ~10:1). */
  maxRatio: number
}

export interface ZipReadOptions {
  /** What the user calls this file, for messages ("This CHARX file"). */
  what: string
  code: ErrorCode
  limits: ZipLimits
}

export interface ZipEntry {
  name: string
  /** Declared uncompressed size. */
  size: number
  /** Inflates the entry; refuses it when it inflates past its declared size or fails its checksum. */
  read(): Uint8Array
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** Deflate input fed per step: at most ~1000x this comes out, so a lying entry is caught within a few MB. */
const INFLATE_SLICE = 4096
const RATIO_FLOOR = 1024 * 1024

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/**
 * An entry name that stays inside the archive's own tree. Zip names are '/'-separated and relative; a backslash,
 * an absolute path, a drive letter or a '..' segment would let an extractor write outside its folder (zip slip).
 */
export function isSafeEntryName(name: string): boolean {
  if (!name || name.length > 1024 || name.includes('\\') || name.includes('\0')) return false
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false
  return name.split('/').every((segment) => segment !== '..' && segment !== '.')
}

/** The entries of a zip archive, by name (directories left out), after checking names, sizes and counts. */
export function readZip(bytes: Uint8Array, options: ZipReadOptions): Map<string, ZipEntry> {
  const { what, code, limits } = options
  const fail = (message: string): never => {
    throw new AppError(code, `${what} ${message}`)
  }
  if (bytes.length > limits.maxArchiveBytes)
    fail(`is too large (${mb(bytes.length)}; ${mb(limits.maxArchiveBytes)} at most).`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = findEndOfCentralDirectory(view) ?? fail('is not a zip archive, or it is truncated.')
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  if (count === 0xffff || offset === 0xffffffff) fail('uses ZIP64, which is not supported here.')
  if (count > limits.maxEntries) fail(`has too many files (${count}; ${limits.maxEntries} at most).`)
  const entries = new Map<string, ZipEntry>()
  let total = 0
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL)
      fail('is damaged (its file list is broken).')
    const flags = view.getUint16(offset + 8, true)
    const method = view.getUint16(offset + 10, true)
    const crc = view.getUint32(offset + 16, true)
    const compressedSize = view.getUint32(offset + 20, true)
    const size = view.getUint32(offset + 24, true)
    const nameLength = view.getUint16(offset + 28, true)
    const skip = nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
    const localOffset = view.getUint32(offset + 42, true)
    const name = Buffer.from(bytes.subarray(offset + 46, offset + 46 + nameLength)).toString(
      flags & 0x800 ? 'utf8' : 'latin1'
    )
    offset += 46 + skip
    if (!isSafeEntryName(name)) fail(`contains a file with an unsafe name ("${name.slice(0, 80)}").`)
    if (flags & 0x1) fail('is encrypted.')
    if (method !== 0 && method !== 8) fail(`uses a compression method this app cannot read (${method}).`)
    if (entries.has(name)) fail(`lists "${name}" twice.`)
    if (size > limits.maxEntryBytes) fail(`holds a file that is too large (${name}: ${mb(size)}).`)
    if (size > RATIO_FLOOR && size / Math.max(1, compressedSize) > limits.maxRatio)
      fail(`looks like a zip bomb (${name} would grow ${Math.round(size / Math.max(1, compressedSize))} times).`)
    total += size
    if (total > limits.maxTotalBytes) fail(`would unpack to more than ${mb(limits.maxTotalBytes)}.`)
    if (name.endsWith('/')) continue
    const data = localData(bytes, view, localOffset, compressedSize) ?? fail(`is damaged (${name} is cut off).`)
    entries.set(name, {
      name,
      size,
      read: () => {
        const out =
          method === 0
            ? data.slice()
            : inflateBounded(
                data,
                size,
                () => fail(`is damaged or a zip bomb (${name} unpacks to more than it declares).`),
                () => fail(`is damaged (${name} cannot be unpacked).`)
              )
        if (out.length !== size || crc32(out) !== crc) fail(`is damaged (${name} fails its checksum).`)
        return out
      }
    })
  }
  return entries
}

function findEndOfCentralDirectory(view: DataView): number | null {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff)
  for (let at = view.byteLength - 22; at >= lowest; at--) if (view.getUint32(at, true) === EOCD) return at
  return null
}

function localData(bytes: Uint8Array, view: DataView, at: number, length: number): Uint8Array | null {
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) return null
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  return start + length <= bytes.length ? bytes.subarray(start, start + length) : null
}

/** Inflates in small steps and stops as soon as the output passes the declared size (a lying header). */
function inflateBounded(
  data: Uint8Array,
  declared: number,
  onOverflow: () => never,
  onDamage: () => never
): Uint8Array {
  const chunks: Uint8Array[] = []
  let produced = 0
  const inflate = new Inflate((chunk) => {
    produced += chunk.length
    if (produced > declared) onOverflow()
    chunks.push(chunk)
  })
  try {
    if (data.length === 0) inflate.push(new Uint8Array(0), true)
    for (let at = 0; at < data.length; at += INFLATE_SLICE)
      inflate.push(data.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= data.length)
  } catch (cause) {
    if (cause instanceof AppError) throw cause
    onDamage()
  }
  return Buffer.concat(chunks)
}

function mb(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`
}
