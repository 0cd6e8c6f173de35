import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { resourcesDir, sharedDir } from '../../../tests/helpers/sharedPaths'
import { readWav } from './readWav'
import { VAD_SAMPLE_RATE, VoiceActivityDetector, type SpeechSegment } from './VoiceActivityDetector'

// The model the app ships; the same file as ../shared/models/voice/silero_vad.onnx.
const modelPath = join(resourcesDir, 'voice', 'silero_vad.onnx')
const jfkWav = join(sharedDir, 'models', 'voice', 'jfk.wav')

/** Feeds audio in 100 ms chunks, as a microphone would, then flushes. */
function detect(samples: Float32Array, chunk = 1600): SpeechSegment[] {
  const vad = VoiceActivityDetector.open(modelPath)
  const segments: SpeechSegment[] = []
  for (let at = 0; at < samples.length; at += chunk) segments.push(...vad.accept(samples.subarray(at, at + chunk)))
  segments.push(...vad.flush())
  vad.dispose()
  return segments
}

function openError(path: string): AppError {
  try {
    VoiceActivityDetector.open(path)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('open succeeded')
}

describe('VoiceActivityDetector', () => {
  it('finds the speech segments in jfk.wav, in order, inside the file', async () => {
    const audio = await readWav(jfkWav)
    const duration = audio.samples.length / VAD_SAMPLE_RATE
    const segments = detect(audio.samples)
    expect(segments.length).toBeGreaterThanOrEqual(3)
    let previousEnd = 0
    for (const segment of segments) {
      expect(segment.startSeconds).toBeGreaterThanOrEqual(previousEnd)
      expect(segment.endSeconds).toBeGreaterThan(segment.startSeconds)
      expect(segment.endSeconds).toBeLessThanOrEqual(duration + 0.01)
      expect(segment.samples.length).toBe(Math.round((segment.endSeconds - segment.startSeconds) * VAD_SAMPLE_RATE))
      previousEnd = segment.endSeconds
    }
    // The speech starts right after a short lead-in and fills most of the 11 s.
    const first = segments[0]!
    expect(first.startSeconds).toBeGreaterThan(0.1)
    expect(first.startSeconds).toBeLessThan(0.6)
    const speech = segments.reduce((sum, segment) => sum + segment.endSeconds - segment.startSeconds, 0)
    expect(speech / duration).toBeGreaterThan(0.6)
    // A segment's samples are the file's samples at that place.
    const offset = Math.round(first.startSeconds * VAD_SAMPLE_RATE)
    expect(Array.from(first.samples.subarray(0, 100))).toEqual(Array.from(audio.samples.subarray(offset, offset + 100)))
  })

  it('gives the same segments whatever the chunk size', async () => {
    const audio = await readWav(jfkWav)
    const bounds = (segments: SpeechSegment[]): number[][] => segments.map((s) => [s.startSeconds, s.endSeconds])
    expect(bounds(detect(audio.samples, 333))).toEqual(bounds(detect(audio.samples, 4000)))
  })

  it('finds no speech in silence or in low noise', () => {
    expect(detect(new Float32Array(3 * VAD_SAMPLE_RATE))).toEqual([])
    let seed = 7
    const noise = Float32Array.from({ length: 3 * VAD_SAMPLE_RATE }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return (seed / 2147483648 - 0.5) * 0.01
    })
    expect(detect(noise)).toEqual([])
  })

  it('a missing model file is MODEL_FILE_NOT_FOUND', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vad-'))
    expect(openError(join(dir, 'silero_vad.onnx')).code).toBe('MODEL_FILE_NOT_FOUND')
    expect(openError(dir).code).toBe('MODEL_FILE_NOT_FOUND')
  })

  it('a corrupt or truncated model file is MODEL_FILE_INVALID, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vad-'))
    const garbage = join(dir, 'garbage.onnx')
    writeFileSync(garbage, 'this is not a model at all')
    expect(openError(garbage).code).toBe('MODEL_FILE_INVALID')
    const truncated = join(dir, 'truncated.onnx')
    writeFileSync(truncated, readFileSync(modelPath).subarray(0, 500_000))
    expect(openError(truncated).code).toBe('MODEL_FILE_INVALID')
    const empty = join(dir, 'empty.onnx')
    writeFileSync(empty, '')
    expect(openError(empty).code).toBe('MODEL_FILE_INVALID')
    // The intact model still opens from another place.
    copyFileSync(modelPath, join(dir, 'ok.onnx'))
    VoiceActivityDetector.open(join(dir, 'ok.onnx')).dispose()
  })

  it('refuses calls after dispose', () => {
    const vad = VoiceActivityDetector.open(modelPath)
    vad.dispose()
    expect(() => vad.accept(new Float32Array(512))).toThrow(AppError)
  })
})
