import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/errors'
import { writeTinyKokoroVoice } from '../../../tests/helpers/onnx/writeTinyKokoroVoice'
import { writeTinyMatchaVoice } from '../../../tests/helpers/onnx/writeTinyMatchaVoice'
import { writeTinySenseVoiceRecognizer } from '../../../tests/helpers/onnx/writeTinySenseVoiceRecognizer'
import { writeTinyVitsVoice } from '../../../tests/helpers/onnx/writeTinyVoiceModels'
import { writeTinyWhisperRecognizer } from '../../../tests/helpers/onnx/writeTinyWhisperRecognizer'
import { resourcesDir, sharedDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { EventBus } from '../util/EventBus'
import { ESPEAK_DATA_DIR, findEspeakData, SYSTEM_ESPEAK_DATA_DIRS } from './espeakData'
import { encodePcm16Base64 } from './pcm'
import { readWav } from './readWav'
import { VoiceModelStore } from './VoiceModelStore'
import { VoiceService } from './VoiceService'

// The model families beyond the Coqui VITS voice and the CTC recogniser, each a tiny random-weight model in its real
// layout, added and run through VoiceService as the app runs a real one.
const tempDir = useTempDir('voice-layouts-')
let service: VoiceService | null = null
afterEach(() => service?.dispose())

function setup(espeakDataDirs?: string[]): { service: VoiceService; dir: string; voiceDir: string } {
  const dir = tempDir()
  const voiceDir = join(dir, 'models', 'voice')
  service = new VoiceService({
    library: new VoiceModelStore(voiceDir, join(dir, 'voice-models.json'), { espeakDataDirs }),
    vadModelPath: join(resourcesDir, 'voice', 'silero_vad.onnx'),
    threads: 1,
    events: new EventBus(),
    timeouts: { probeMs: 10_000, baseMs: 10_000, perCharacterMs: 10 }
  })
  return { service, dir, voiceDir }
}

/** Debian's espeak-ng-data (a dependency of speech-dispatcher-espeak-ng; .ci/run installs it). */
async function systemEspeakData(): Promise<string> {
  const found = await findEspeakData(SYSTEM_ESPEAK_DATA_DIRS)
  if (!found)
    throw new Error('Install espeak-ng-data (apt-get install espeak-ng-data) to run the Piper and Kokoro tests')
  return found
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error))
  )
}

describe('voice layouts run for real', () => {
  it("a Piper voice speaks through espeak-ng's phonemes: audio at its rate, as long as the text, per speaker", async () => {
    const { service, dir } = setup([await systemEspeakData()])
    const voice = await service.addModel(
      writeTinyVitsVoice(join(dir, 'en_US-tiny'), { layout: 'piper', speakers: 2, sampleRate: 16_000 })
    )
    expect(voice).toMatchObject({ kind: 'tts', engine: 'piper', sampleRate: 16_000, speakers: 2 })
    const short = await service.synthesize({ text: 'Hello there.', modelId: voice.id })
    expect(short.sampleRate).toBe(16_000)
    // 256 samples a phoneme, plus Piper's pads: "Hello there." is about ten phonemes.
    expect(short.sampleCount).toBeGreaterThan(256 * 10)
    const long = await service.synthesize({ text: 'Hello there, how was your day at school?', modelId: voice.id })
    expect(long.sampleCount).toBeGreaterThan(2 * short.sampleCount)
    const other = await service.synthesize({ text: 'Hello there.', modelId: voice.id, speakerId: 1 })
    expect(other.sampleCount).toBe(short.sampleCount)
    expect(other.audioBase64).not.toBe(short.audioBase64)
  })

  it('a Piper voice without espeak-ng data is refused with a hint; a copy the user puts in the voice folder is used', async () => {
    const { service, dir, voiceDir } = setup([])
    const folder = writeTinyVitsVoice(join(dir, 'piper'), { layout: 'piper' })
    expect(await codeOf(service.addModel(folder))).toMatch(/^MODEL_FILE_INVALID: .*espeak-ng-data.*voice models folder/)
    // Only English: the data without the other languages' dictionaries.
    cpSync(await systemEspeakData(), join(voiceDir, ESPEAK_DATA_DIR), {
      recursive: true,
      filter: (path) => !path.endsWith('_dict') || path.endsWith('/en_dict')
    })
    const voice = await service.addModel(folder)
    expect((await service.synthesize({ text: 'It works.', modelId: voice.id })).sampleCount).toBeGreaterThan(0)
    // The shared data folder is not listed as a model.
    expect((await service.models()).map((m) => m.path)).toEqual([folder])
  })

  it('a Kokoro voice speaks at 24 kHz with its speakers from voices.bin', async () => {
    const { service, dir } = setup([await systemEspeakData()])
    const voice = await service.addModel(writeTinyKokoroVoice(join(dir, 'kokoro-en-v0_19'), { speakers: 3 }))
    expect(voice).toMatchObject({ kind: 'tts', engine: 'kokoro', sampleRate: 24_000, speakers: 3 })
    const first = await service.synthesize({ text: 'Good morning!', modelId: voice.id })
    expect(first.sampleRate).toBe(24_000)
    expect(first.sampleCount).toBeGreaterThan(256 * 8)
    const longer = await service.synthesize({ text: 'Good morning! Did you sleep well last night?', modelId: voice.id })
    expect(longer.sampleCount).toBeGreaterThan(first.sampleCount)
    const third = await service.synthesize({ text: 'Good morning!', modelId: voice.id, speakerId: 2 })
    expect(third.sampleCount).toBe(first.sampleCount)
    expect(third.audioBase64).not.toBe(first.audioBase64)
    expect(await codeOf(service.synthesize({ text: 'Hi.', modelId: voice.id, speakerId: 3 }))).toMatch(/^INVALID_INPUT/)
  })

  it.each(['hifigan', 'vocos'] as const)(
    'a Matcha voice speaks through its acoustic model and %s vocoder: audio at its rate, as long as the text',
    async (vocoder) => {
      const { service, dir } = setup([await systemEspeakData()])
      const folder = writeTinyMatchaVoice(join(dir, 'matcha-icefall-en_US-ljspeech'), { vocoder, sampleRate: 22_050 })
      const voice = await service.addModel(folder)
      expect(voice).toMatchObject({ kind: 'tts', engine: 'matcha', sampleRate: 22_050, speakers: 1 })
      const short = await service.synthesize({ text: 'Hello there.', modelId: voice.id })
      expect(short.sampleRate).toBe(22_050)
      // 4 mel frames a phoneme and 256 samples a frame: "Hello there." is about ten phonemes.
      expect(short.sampleCount).toBeGreaterThan(4 * 256 * 10)
      const long = await service.synthesize({ text: 'Hello there, how was your day at school?', modelId: voice.id })
      expect(long.sampleCount).toBeGreaterThan(2 * short.sampleCount)
      // The speed reaches the acoustic model as its length_scale (1 / speed): twice as fast, half as long.
      const fast = await service.synthesize({ text: 'Hello there.', modelId: voice.id, speed: 2 })
      expect(fast.sampleCount / short.sampleCount).toBeCloseTo(0.5, 1)
    }
  )

  it('a SenseVoice recogniser transcribes the speech in jfk.wav, segment by segment', async () => {
    const { service, dir } = setup([])
    const recogniser = await service.addModel(writeTinySenseVoiceRecognizer(join(dir, 'sense-voice')))
    expect(recogniser).toMatchObject({ kind: 'stt', engine: 'sensevoice', sampleRate: 16_000 })
    const audio = await readWav(join(sharedDir, 'models', 'voice', 'jfk.wav'))
    const heard = await service.transcribe({ audioBase64: encodePcm16Base64(audio.samples), modelId: recogniser.id })
    expect(heard.segments.length).toBeGreaterThanOrEqual(3)
    // Random weights: the words are noise, but text comes back, without SenseVoice's language and emotion tags.
    expect(heard.text.length).toBeGreaterThan(0)
    expect(heard.text).not.toMatch(/<\|/)
  })

  it.each([
    ['English-only', {}],
    ['multilingual (the language detected first)', { name: 'tiny', languages: ['en', 'de', 'ja'] }]
  ])(
    'a Whisper recogniser, %s, transcribes the speech in jfk.wav through its encoder and greedy decoder',
    async (_, options) => {
      const { service, dir } = setup([])
      const recogniser = await service.addModel(writeTinyWhisperRecognizer(join(dir, 'sherpa-onnx-whisper'), options))
      expect(recogniser).toMatchObject({
        kind: 'stt',
        engine: 'whisper',
        sampleRate: 16_000,
        licence: 'OpenAI Whisper: MIT'
      })
      const audio = await readWav(join(sharedDir, 'models', 'voice', 'jfk.wav'))
      const heard = await service.transcribe({ audioBase64: encodePcm16Base64(audio.samples), modelId: recogniser.id })
      expect(heard.segments.length).toBeGreaterThanOrEqual(3)
      // Random weights: the words are noise, but each segment's text comes back, decoded from tokens.txt's base64 into
      // the tiny vocabulary's lower-case words, ended by end-of-text, without Whisper's special tokens.
      expect(heard.text.length).toBeGreaterThan(0)
      for (const segment of heard.segments) expect(segment.text).toMatch(/^[a-z ]+$/)
    }
  )
})
