/**
 * Suite `voice`: speed of the voice pipeline on `--voice-audio` (jfk.wav, 11 s of speech, by default).
 * - voice.vadRealtimeFactor: seconds of processing per second of audio for the bundled Silero VAD fed 100 ms chunks
 *   as a microphone would (median of 3 runs; below 1 keeps up with live audio).
 * - voice.sttRealtimeFactor: the same for voice.transcribe (VAD segmentation, then the recogniser on each segment),
 *   with `--stt-model DIR` or else a tiny random-weight CTC recogniser (then it measures the plumbing only).
 * - voice.ttsFirstAudioMs: from the end of a streamed reply's first sentence (the splitter gives it) to its first
 *   audio samples out of voice.synthesize, with `--tts-model DIR` or a tiny random-weight VITS voice (median of 5,
 *   the voice already loaded; voice.ttsLoadMs is adding it: detection, loading and a test word).
 */
import { join } from 'node:path'
import { SpeakableSplitter } from '../../src/shared/voice/splitSpeakable'
import { encodePcm16Base64 } from '../../src/main/voice/pcm'
import { readWav } from '../../src/main/voice/readWav'
import { VAD_SAMPLE_RATE, VoiceActivityDetector } from '../../src/main/voice/VoiceActivityDetector'
import { VoiceModelStore } from '../../src/main/voice/VoiceModelStore'
import { VoiceService } from '../../src/main/voice/VoiceService'
import { EventBus } from '../../src/main/util/EventBus'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../../tests/helpers/onnx/writeTinyVoiceModels'
import { percentile } from '../stats'
import type { BenchSuite } from '../types'

const CHUNK = VAD_SAMPLE_RATE / 10
const REPLY =
  'Oh, you came back! I was hoping you would. *smiles* Tell me everything about your day, and do not skip the ' +
  'boring parts... I like those too.'

export const voiceSuite: BenchSuite = {
  name: 'voice',
  async run(args) {
    const audio = await readWav(args.voiceAudio, VAD_SAMPLE_RATE)
    const audioSeconds = audio.samples.length / VAD_SAMPLE_RATE
    const vadModelPath = join(process.cwd(), 'resources', 'voice', 'silero_vad.onnx')
    const factors: number[] = []
    let segments = 0
    for (let run = 0; run < 3; run++) {
      const vad = VoiceActivityDetector.open(vadModelPath)
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

    const library = new VoiceModelStore(join(args.workDir, 'voice'), join(args.workDir, 'voice-models.json'))
    const service = new VoiceService({ library, vadModelPath, threads: 1, events: new EventBus() })
    try {
      const stt = await service.addModel(args.sttModel ?? writeTinyCtcRecognizer(join(args.workDir, 'tiny-ctc')))
      const pcm = encodePcm16Base64(audio.samples)
      // The first call loads the recogniser; the measured ones find it loaded.
      await service.transcribe({ audioBase64: pcm.slice(0, 8000), modelId: stt.id })
      const sttFactors: number[] = []
      for (let run = 0; run < 3; run++) {
        const started = performance.now()
        await service.transcribe({ audioBase64: pcm, modelId: stt.id })
        sttFactors.push((performance.now() - started) / 1000 / audioSeconds)
      }

      const ttsDir = args.ttsModel ?? writeTinyVitsVoice(join(args.workDir, 'tiny-vits'))
      // Adding a voice detects it, loads it and has it say a test word: what a user waits for on the Models screen.
      const loadStarted = performance.now()
      const tts = await service.addModel(ttsDir)
      const ttsLoadMs = performance.now() - loadStarted
      const firstAudio: number[] = []
      for (let run = 0; run < 5; run++) {
        const splitter = new SpeakableSplitter()
        // Token-sized deltas, as a reply streams: the clock starts when the first sentence is complete.
        for (const delta of REPLY.match(/.{1,4}/gs) ?? []) {
          const first = splitter.push(delta).find((piece) => piece.kind === 'speech')
          if (!first) continue
          const started = performance.now()
          const result = await service.synthesize({ text: first.text, modelId: tts.id })
          if (result.sampleCount === 0) throw new Error('The voice made no audio for the first sentence.')
          firstAudio.push(performance.now() - started)
          break
        }
      }
      return {
        'voice.vadRealtimeFactor': percentile(factors, 50),
        'voice.vadSegments': segments,
        'voice.audioSeconds': audioSeconds,
        'voice.sttRealtimeFactor': percentile(sttFactors, 50),
        'voice.sttModel': args.sttModel ? stt.name : 'tiny random CTC (plumbing only)',
        'voice.ttsFirstAudioMs': percentile(firstAudio, 50),
        'voice.ttsLoadMs': ttsLoadMs,
        'voice.ttsModel': args.ttsModel ? tts.name : 'tiny random VITS (plumbing only)'
      }
    } finally {
      service.dispose()
    }
  }
}
