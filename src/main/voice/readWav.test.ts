import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { sharedDir } from '../../../tests/helpers/sharedPaths'
import { decodeWav, readWav } from './readWav'
import { encodeWavForTest } from './encodeWavForTest'

const jfkWav = join(sharedDir, 'models', 'voice', 'jfk.wav')

function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, index) => Math.sin((2 * Math.PI * frequency * index) / rate) * amplitude
  )
}

/** Upward zero crossings per second: the frequency of a pure tone. */
function frequencyOf(samples: Float32Array, rate: number): number {
  let crossings = 0
  for (let index = 1; index < samples.length; index++)
    if ((samples[index - 1] ?? 0) < 0 && (samples[index] ?? 0) >= 0) crossings++
  return crossings / (samples.length / rate)
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError'
  }
  return undefined
}

describe('readWav', () => {
  it('reads the 16 kHz mono speech sample as it is', async () => {
    const audio = await readWav(jfkWav)
    expect(audio.sourceSampleRate).toBe(16_000)
    expect(audio.sourceChannels).toBe(1)
    expect(audio.samples.length).toBe(176_000)
    const peak = audio.samples.reduce((max, value) => Math.max(max, Math.abs(value)), 0)
    expect(peak).toBeGreaterThan(0.1)
    expect(peak).toBeLessThanOrEqual(1)
  })

  it('mixes 48 kHz stereo PCM16 to 16 kHz mono, keeping length and pitch', () => {
    const left = sine(440, 48_000, 1)
    const right = sine(440, 48_000, 1)
    const audio = decodeWav(encodeWavForTest([left, right], 48_000))
    expect(audio.sampleRate).toBe(16_000)
    expect(audio.sourceChannels).toBe(2)
    expect(audio.samples.length).toBe(16_000)
    expect(frequencyOf(audio.samples, 16_000)).toBeCloseTo(440, -1)
  })

  it('averages the channels: opposite channels cancel out', () => {
    const tone = sine(300, 16_000, 0.5)
    const audio = decodeWav(encodeWavForTest([tone, tone.map((value) => -value)], 16_000))
    expect(Math.max(...audio.samples.map(Math.abs))).toBeLessThan(1e-3)
  })

  it('reads 32-bit float audio and upsamples 8 kHz to 16 kHz', () => {
    const audio = decodeWav(encodeWavForTest([sine(200, 8_000, 1, 0.25)], 8_000, 'float32'))
    expect(audio.samples.length).toBe(16_000)
    expect(frequencyOf(audio.samples, 16_000)).toBeCloseTo(200, -1)
    expect(Math.max(...audio.samples)).toBeCloseTo(0.25, 2)
  })

  it('refuses what is not a WAV file with FILE_INVALID', () => {
    expect(codeOf(() => decodeWav(new TextEncoder().encode('just some text, not audio')))).toBe('FILE_INVALID')
    expect(codeOf(() => decodeWav(new Uint8Array(0)))).toBe('FILE_INVALID')
    const wav = encodeWavForTest([sine(440, 16_000, 0.1)], 16_000)
    // The header alone: no data chunk.
    expect(codeOf(() => decodeWav(wav.subarray(0, 36)))).toBe('FILE_INVALID')
    const eightBit = wav.slice()
    new DataView(eightBit.buffer).setUint16(34, 8, true)
    expect(codeOf(() => decodeWav(eightBit))).toBe('FILE_INVALID')
  })

  it('a missing file is NOT_FOUND', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-'))
    await expect(readWav(join(dir, 'missing.wav'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    writeFileSync(join(dir, 'text.wav'), 'hello')
    await expect(readWav(join(dir, 'text.wav'))).rejects.toMatchObject({ code: 'FILE_INVALID' })
  })
})
