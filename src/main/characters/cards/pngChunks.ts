import { crc32 } from 'node:zlib'
import { AppError } from '../../../shared/errors'

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface PngChunk {
  type: string
  data: Uint8Array
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b)
}

/** Walks the chunk list, checking lengths and CRCs: a damaged file is refused rather than half-read. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) throw new AppError('CARD_INVALID', 'This is not a PNG image.')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: PngChunk[] = []
  let offset = 8
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    if (offset + 12 + length > bytes.length) throw new AppError('CARD_INVALID', 'The PNG file is truncated.')
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) {
      throw new AppError('CARD_INVALID', `The PNG file is damaged (bad checksum in its ${type} chunk).`)
    }
    chunks.push({ type, data })
    offset += 12 + length
    if (type === 'IEND') return chunks
  }
  throw new AppError('CARD_INVALID', 'The PNG file is truncated (no end chunk).')
}

/** tEXt chunks as keyword -> text (Latin-1, as the PNG spec defines; card payloads are base64 ASCII). */
export function readPngText(bytes: Uint8Array): Map<string, string> {
  const texts = new Map<string, string>()
  for (const chunk of readPngChunks(bytes)) {
    if (chunk.type !== 'tEXt') continue
    const zero = chunk.data.indexOf(0)
    if (zero <= 0) continue
    texts.set(
      Buffer.from(chunk.data.subarray(0, zero)).toString('latin1'),
      Buffer.from(chunk.data.subarray(zero + 1)).toString('latin1')
    )
  }
  return texts
}

function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(Buffer.from(type, 'latin1'), 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** The same image with the given tEXt entries, replacing earlier ones of the same keywords, placed before IEND. */
export function writePngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const keep = readPngChunks(png).filter(
    (c) =>
      !(
        c.type === 'tEXt' &&
        Object.keys(entries).includes(Buffer.from(c.data.subarray(0, c.data.indexOf(0))).toString('latin1'))
      )
  )
  const parts: Uint8Array[] = [SIGNATURE]
  for (const chunk of keep) {
    if (chunk.type === 'IEND') {
      for (const [keyword, text] of Object.entries(entries))
        parts.push(
          encodeChunk(
            'tEXt',
            Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')])
          )
        )
    }
    parts.push(encodeChunk(chunk.type, chunk.data))
  }
  return Buffer.concat(parts)
}
