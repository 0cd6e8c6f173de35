/**
 * Suite `voice`: speed of the voice pipeline on `--voice-audio` (jfk.wav, 11 s of speech, by default).
 * voice.vadRealtimeFactor is seconds of processing per second of audio for the bundled Silero VAD fed 100 ms chunks as
 * a microphone would (median of 3 runs; below 1 keeps up with live audio).
 */
import { join } from 'node:path'
import { readWav } from '../../src/main/voice/readWav'
import { VAD_SAMPLE_RATE, VoiceActivityDetector } from '../../src/main/voice/VoiceActivityDetector'
import { percentile } from '../stats'
import type { BenchSuite } from '../types'

const CHUNK = VAD_SAMPLE_RATE / 10

export const voiceSuite: BenchSuite = {
  name: 'voice',
  async run(args) {
    const audio = await readWav(args.voiceAudio, VAD_SAMPLE_RATE)
    const audioSeconds = audio.samples.length / VAD_SAMPLE_RATE
    const modelPath = join(process.cwd(), 'resources', 'voice', 'silero_vad.onnx')
    const factors: number[] = []
    let segments = 0
    for (let run = 0; run < 3; run++) {
      const vad = VoiceActivityDetector.open(modelPath)
      const started = performance.now()
      let found = 0
      for (let at = 0; at < audio.samples.length; at += CHUNK) {
        found += vad.accept(audio.samples.subarray(at, at + CHUNK)).length
      }
      found += vad.flush().length
      factors.push((performance.now() - started) / 1000 / audioSeconds)
      vad.dispose()
      segments = found
    }
    return {
      'voice.vadRealtimeFactor': percentile(factors, 50),
      'voice.vadSegments': segments,
      'voice.audioSeconds': audioSeconds
    }
  }
}
