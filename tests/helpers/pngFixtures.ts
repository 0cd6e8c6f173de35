import { crc32 } from 'node:zlib'

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** One chunk as the PNG spec lays it out: length, type, data, CRC of type + data (off by `crcDelta` to damage it). */
export function pngChunk(type: string, data: Uint8Array | string, crcDelta = 0): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), payload])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(payload.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE((crc32(body) + crcDelta) >>> 0, body.length + 4)
  return out
}

/** The smallest PNG layout the card code accepts: signature, IHDR, IEND (it never decodes pixels). */
export function tinyPng(): Buffer {
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', Buffer.alloc(13)), pngChunk('IEND', Buffer.alloc(0))])
}
