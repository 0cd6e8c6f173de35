import { readFile } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import { resampleLinear } from './resampleLinear'

export interface DecodedAudio {
  /** Mono float samples in [-1, 1] at `sampleRate`. */
  samples: Float32Array
  sampleRate: number
  /** The file's own sample rate and channel count, before conversion. */
  sourceSampleRate: number
  sourceChannels: number
}

const FORMAT_PCM = 1
const FORMAT_FLOAT = 3
const FORMAT_EXTENSIBLE = 0xfffe

/** Reads a WAV file as mono float audio at `targetRate` (16 kHz, what the voice models take, unless told). */
export async function readWav(path: string, targetRate = 16_000): Promise<DecodedAudio> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new AppError('NOT_FOUND', `The audio file ${path} could not be read.`, { cause: error })
  }
  return decodeWav(bytes, targetRate)
}

/**
 * Decodes WAV bytes (16-bit PCM or 32-bit float, any channel count and sample rate): channels are averaged to mono
 * and the audio resampled to `targetRate`. Anything else is FILE_INVALID with the reason.
 */
export function decodeWav(bytes: Uint8Array, targetRate = 16_000): DecodedAudio {
  const invalid = (why: string): AppError => new AppError('FILE_INVALID', `Not a usable WAV file: ${why}.`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE')
    throw invalid('no RIFF/WAVE header')
  let format: { tag: number; channels: number; rate: number; bits: number } | null = null
  let data: Uint8Array | null = null
  let at = 12
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    // A truncated last chunk (a recording cut off) keeps what is there.
    const bodyEnd = Math.min(body + size, bytes.length)
    if (id === 'fmt ') {
      if (bodyEnd - body < 16) throw invalid('its format chunk is too short')
      let tag = view.getUint16(body, true)
      // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
      if (tag === FORMAT_EXTENSIBLE && bodyEnd - body >= 26) tag = view.getUint16(body + 24, true)
      format = {
        tag,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true)
      }
    } else if (id === 'data') {
      data = bytes.subarray(body, bodyEnd)
    }
    at = body + size + (size % 2)
  }
  if (format === null) throw invalid('no format chunk')
  if (data === null) throw invalid('no data chunk')
  const isPcm16 = format.tag === FORMAT_PCM && format.bits === 16
  const isFloat32 = format.tag === FORMAT_FLOAT && format.bits === 32
  if (!isPcm16 && !isFloat32) throw invalid(`format ${format.tag} with ${format.bits} bits is not supported`)
  if (format.channels < 1 || format.rate < 1) throw invalid('no channels or no sample rate')
  const bytesPerSample = format.bits / 8
  const frames = Math.floor(data.length / (bytesPerSample * format.channels))
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const mono = new Float32Array(frames)
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0
    for (let channel = 0; channel < format.channels; channel++) {
      const offset = (frame * format.channels + channel) * bytesPerSample
      sum += isPcm16 ? dataView.getInt16(offset, true) / 32768 : dataView.getFloat32(offset, true)
    }
    mono[frame] = sum / format.channels
  }
  return {
    samples: resampleLinear(mono, format.rate, targetRate),
    sampleRate: targetRate,
    sourceSampleRate: format.rate,
    sourceChannels: format.channels
  }
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4))
}
