import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { collectEvents, type RecordedEvent } from '../../../tests/helpers/collectEvents'
import { EventBus } from '../util/EventBus'
import type { VoiceEvents } from '../../shared/contract'
import { AppError, type ErrorCode } from '../../shared/errors'
import { writeTinyCtcRecognizer, writeTinyVitsVoice } from '../../../tests/helpers/onnx/writeTinyVoiceModels'
import { resourcesDir, sharedDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { encodePcm16Base64 } from './pcm'
import { readWav } from './readWav'
import { VoiceModelStore } from './VoiceModelStore'
import { VoiceService } from './VoiceService'

const tempDir = useTempDir('voice-service-')
const jfkWav = join(sharedDir, 'models', 'voice', 'jfk.wav')

let service: VoiceService | null = null
let clock = 0
afterEach(() => service?.dispose())

function setup(): { service: VoiceService; events: RecordedEvent[]; dir: string; library: VoiceModelStore } {
  const dir = tempDir()
  const bus = new EventBus()
  const events = collectEvents(bus).events
  const library = new VoiceModelStore(join(dir, 'models', 'voice'), join(dir, 'voice-models.json'))
  service = new VoiceService({
    library,
    vadModelPath: join(resourcesDir, 'voice', 'silero_vad.onnx'),
    threads: 1,
    events: bus,
    // Short deadlines: a model that breaks at run time is found out in a test's time.
    timeouts: { probeMs: 2000, baseMs: 5000, perCharacterMs: 10 },
    now: () => clock
  })
  return { service, events, dir, library }
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('it succeeded')
}

function floatsOf(audioBase64: string): Float32Array {
  const bytes = Buffer.from(audioBase64, 'base64')
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
}

describe('VoiceService: speaking', () => {
  it('a VITS voice speaks: float audio at its sample rate, longer for longer text, per speaker', async () => {
    const { service, dir } = setup()
    const voice = await service.addModel(
      writeTinyVitsVoice(join(dir, 'voices', 'aiko'), { sampleRate: 16_000, speakers: 3 })
    )
    expect(voice).toMatchObject({ kind: 'tts', engine: 'vits', sampleRate: 16_000, speakers: 3 })
    const short = await service.synthesize({ text: 'Hello there.', modelId: voice.id })
    expect(short.sampleRate).toBe(16_000)
    expect(short.sampleCount).toBeGreaterThan(0)
    const samples = floatsOf(short.audioBase64)
    expect(samples.length).toBe(short.sampleCount)
    expect(samples.some((s) => Math.abs(s) > 0.01)).toBe(true)
    expect(samples.every((s) => Math.abs(s) <= 1)).toBe(true)
    const long = await service.synthesize({ text: 'Hello there, how was your day at school?', modelId: voice.id })
    expect(long.sampleCount).toBeGreaterThan(short.sampleCount)
    const other = await service.synthesize({ text: 'Hello there.', modelId: voice.id, speakerId: 2 })
    expect(other.audioBase64).not.toBe(short.audioBase64)
    expect((await errorOf(service.synthesize({ text: 'Hi.', modelId: voice.id, speakerId: 3 }))).code).toBe(
      'INVALID_INPUT'
    )
  })

  it('the reply emotion sets the prosody: sad and excited differ, strength 0 is neutral', async () => {
    const { service, dir } = setup()
    const voice = await service.addModel(writeTinyVitsVoice(join(dir, 'voice')))
    const say = (label: 'sadness' | 'joy', strength?: number) =>
      service.synthesize({
        text: 'Oh.',
        modelId: voice.id,
        emotion: { label, confidence: 1 },
        emotionStrength: strength
      })
    const sad = await say('sadness')
    const happy = await say('joy')
    expect(sad.prosody.rate).toBeLessThan(1)
    expect(happy.prosody.rate).toBeGreaterThan(1)
    expect(sad.prosody.pitch).toBeLessThan(happy.prosody.pitch)
    expect((await say('sadness', 0)).prosody).toEqual({ rate: 1, pitch: 1, volume: 1 })
    expect((await service.synthesize({ text: 'Oh.', modelId: voice.id })).prosody).toEqual({
      rate: 1,
      pitch: 1,
      volume: 1
    })
  })

  it('cancel drops queued read-aloud sentences (CANCELLED) and the next request still speaks', async () => {
    const { service, dir } = setup()
    const voice = await service.addModel(writeTinyVitsVoice(join(dir, 'voice')))
    const sentences = ['One.', 'Two.', 'Three.', 'Four.'].map((text, index) =>
      service.synthesize({ text, modelId: voice.id, requestId: `r${index}` }).then(
        (result) => result.requestId,
        (error: unknown) => (error instanceof AppError ? error.code : 'other')
      )
    )
    expect(service.cancel('r2')).toBe(true)
    expect(service.cancel('r3')).toBe(true)
    const outcomes = await Promise.all(sentences)
    expect(outcomes.slice(2)).toEqual(['CANCELLED', 'CANCELLED'])
    expect(service.cancel('r0')).toBe(false)
    expect((await service.synthesize({ text: 'Five.', modelId: voice.id })).sampleCount).toBeGreaterThan(0)
  })

  it('a recogniser is not a voice, an unknown id is NOT_FOUND', async () => {
    const { service, dir } = setup()
    const recogniser = await service.addModel(writeTinyCtcRecognizer(join(dir, 'ctc')))
    expect((await errorOf(service.synthesize({ text: 'Hi.', modelId: recogniser.id }))).code).toBe('MODEL_UNSUPPORTED')
    expect((await errorOf(service.synthesize({ text: 'Hi.', modelId: 'nope' }))).code).toBe('NOT_FOUND')
  })
})

describe('VoiceService: listening', () => {
  it('transcribes jfk.wav: the detector cuts it at pauses and every segment comes back from the recogniser', async () => {
    const { service, dir } = setup()
    await service.addModel(writeTinyCtcRecognizer(join(dir, 'ctc')))
    const audio = await readWav(jfkWav)
    const result = await service.transcribe({ audioBase64: encodePcm16Base64(audio.samples) })
    expect(result.segments.length).toBeGreaterThanOrEqual(3)
    expect(result.segments[0]!.startSeconds).toBeGreaterThan(0.1)
    // Random weights: the words are noise, but text comes back through tokens.txt.
    expect(result.text.length).toBeGreaterThan(0)
    expect(result.text).toBe(
      result.segments
        .map((s) => s.text)
        .filter(Boolean)
        .join(' ')
    )
    // The same speech at 48 kHz is resampled and gives the same segments, give or take a window.
    const at48k = await readWav(jfkWav, 48_000)
    const resampled = await service.transcribe({ audioBase64: encodePcm16Base64(at48k.samples), sampleRate: 48_000 })
    expect(resampled.segments.length).toBe(result.segments.length)
  })

  it('silence has no speech and no text', async () => {
    const { service, dir } = setup()
    await service.addModel(writeTinyCtcRecognizer(join(dir, 'ctc')))
    expect(await service.transcribe({ audioBase64: encodePcm16Base64(new Float32Array(32_000)) })).toEqual({
      text: '',
      segments: []
    })
  })

  it('a call: speech start and end are announced as they happen, each utterance is transcribed, stop returns all', async () => {
    const { service, dir, events } = setup()
    await service.addModel(writeTinyCtcRecognizer(join(dir, 'ctc')))
    const audio = await readWav(jfkWav)
    await service.listenStart({ sessionId: 'call', endSilenceSeconds: 0.5 })
    let sawSpeech = false
    // 100 ms chunks, as the microphone worklet sends them.
    for (let at = 0; at < audio.samples.length; at += 1600) {
      const { isSpeaking } = service.listenChunk('call', encodePcm16Base64(audio.samples.subarray(at, at + 1600)))
      sawSpeech ||= isSpeaking
    }
    expect(sawSpeech).toBe(true)
    const result = await service.listenStop('call')
    const speech = events.flatMap((e) =>
      e.event === 'voice.speech' ? [(e.payload as VoiceEvents['voice.speech']).state] : []
    )
    expect(speech[0]).toBe('start')
    expect(speech.at(-1)).toBe('end')
    // Strictly alternating: every start has its end.
    expect(speech.every((state, index) => state === (index % 2 === 0 ? 'start' : 'end'))).toBe(true)
    const transcripts = events.filter((e) => e.event === 'voice.transcript')
    expect(transcripts.length).toBe(speech.length / 2)
    expect(result.segments.length).toBe(transcripts.length)
    expect(result.segments.length).toBeGreaterThanOrEqual(3)
    expect((await errorOf(Promise.resolve().then(() => service.listenChunk('call', '')))).code).toBe('NOT_FOUND')
  })

  it('sessions a reloaded window forgot do not use up the limit: idle ones are dropped at the next start', async () => {
    const { service, dir } = setup()
    await service.addModel(writeTinyCtcRecognizer(join(dir, 'ctc')))
    const chunk = encodePcm16Base64(new Float32Array(1600))
    for (const id of ['a', 'b', 'c', 'd']) await service.listenStart({ sessionId: id })
    expect((await errorOf(service.listenStart({ sessionId: 'e' }))).code).toBe('BUSY')
    clock += 20_000
    service.listenChunk('d', chunk)
    clock += 20_000
    // a, b and c have heard nothing for 40 s; d heard audio 20 s ago and stays open.
    await service.listenStart({ sessionId: 'e' })
    expect((await errorOf(Promise.resolve().then(() => service.listenChunk('a', chunk)))).code).toBe('NOT_FOUND')
    expect(service.listenChunk('d', chunk)).toEqual({ isSpeaking: false })
    expect(await service.listenStop('d')).toEqual({ text: '', segments: [] })
  })

  it('without a recogniser, listening is NOT_FOUND with a hint; a voice given as recogniser is MODEL_UNSUPPORTED', async () => {
    const { service, dir } = setup()
    const silence = encodePcm16Base64(new Float32Array(1600))
    expect(await errorOf(service.transcribe({ audioBase64: silence }))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/Models screen/)
    })
    expect((await errorOf(service.listenStart({ sessionId: 's' }))).code).toBe('NOT_FOUND')
    const voice = await service.addModel(writeTinyVitsVoice(join(dir, 'voice')))
    expect((await errorOf(service.transcribe({ audioBase64: silence, modelId: voice.id }))).code).toBe(
      'MODEL_UNSUPPORTED'
    )
  })
})

describe('VoiceService: models', () => {
  it('lists the voice folder and added folders, keeps them across restarts, removes added ones only', async () => {
    const { service, dir } = setup()
    const downloaded = writeTinyVitsVoice(join(dir, 'models', 'voice', 'downloaded'))
    const added = await service.addModel(writeTinyCtcRecognizer(join(dir, 'elsewhere', 'ctc')))
    expect((await service.models()).map((m) => m.path).sort()).toEqual([downloaded, added.path].sort())
    const again = new VoiceModelStore(join(dir, 'models', 'voice'), join(dir, 'voice-models.json'))
    expect((await again.list()).length).toBe(2)
    const inFolder = (await service.models()).find((m) => m.path === downloaded)!
    expect(await errorOf(service.removeModel(inFolder.id))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/voice folder/)
    })
    await service.removeModel(added.id)
    expect((await service.models()).map((m) => m.path)).toEqual([downloaded])
  })

  it('a bad folder is refused with a typed error and nothing changes; a folder damaged later is left out', async () => {
    const { service, dir } = setup()
    const good = await service.addModel(writeTinyVitsVoice(join(dir, 'good')))
    const broken = writeTinyVitsVoice(join(dir, 'broken'), { omitMetadata: ['n_speakers'] })
    expect((await errorOf(service.addModel(broken))).code).toBe('MODEL_FILE_INVALID')
    expect((await errorOf(service.addModel(join(dir, 'missing')))).code).toBe('MODEL_FILE_NOT_FOUND')
    expect((await service.models()).map((m) => m.id)).toEqual([good.id])
    // The voice still speaks after the refusals (sherpa-onnx never saw the broken model).
    expect((await service.synthesize({ text: 'Still here.', modelId: good.id })).sampleCount).toBeGreaterThan(0)
    // A voice whose graph loads but fails when run is refused at once (sherpa-onnx's call never returns for it).
    const failing = writeTinyVitsVoice(join(dir, 'failing'), { isBrokenAtRun: true })
    expect(await errorOf(service.addModel(failing))).toMatchObject({
      code: 'MODEL_FILE_INVALID',
      message: expect.stringMatching(/failed its test/)
    })
    expect((await service.models()).map((m) => m.id)).toEqual([good.id])
    expect((await service.synthesize({ text: 'And still.', modelId: good.id })).sampleCount).toBeGreaterThan(0)
    const later = await service.addModel(writeTinyVitsVoice(join(dir, 'later')))
    mkdirSync(join(dir, 'later'), { recursive: true })
    writeFileSync(join(dir, 'later', 'model.onnx'), 'damaged')
    expect((await service.models()).map((m) => m.id)).toEqual([good.id])
    await service.removeModel(later.id)
  })
})
