import type {
  VoiceListenStartInput,
  VoiceModel,
  VoiceSynthesizeInput,
  VoiceSynthesizeResult,
  VoiceTranscribeInput,
  VoiceTranscribeResult
} from '../../shared/contract/voice'
import { AppError } from '../../shared/errors'
import { prosodyFor } from '../../shared/voice/prosodyFor'
import { speakerFor } from '../../shared/voice/speakerFor'
import type { DetectedVoiceModel } from './detectVoiceModel'
import { joinTexts, ListenSession } from './ListenSession'
import { decodePcm16Base64, encodeFloat32Base64 } from './pcm'
import { resampleLinear } from './resampleLinear'
import { SpeechRecognizer } from './SpeechRecognizer'
import type { VoiceTimeouts } from './SherpaEngine'
import { SpeechSynthesizer } from './SpeechSynthesizer'
import { VAD_SAMPLE_RATE, VoiceActivityDetector } from './VoiceActivityDetector'
import type { VoiceModelStore } from './VoiceModelStore'
import type { EventBus } from '../util/EventBus'

export interface VoiceServiceOptions {
  library: VoiceModelStore
  /** The bundled Silero VAD (resources/voice/silero_vad.onnx). */
  vadModelPath: string
  threads: number
  events: EventBus
  /** Deadlines of loading, the test run and each request (tests shorten them). */
  timeouts?: VoiceTimeouts
  /** The clock for idle sessions (tests move it). */
  now?: () => number
}

/** Speed limits of the engines: beyond them speech is garbled. */
const MIN_SPEED = 0.5
const MAX_SPEED = 2
/** Listening sessions at once: one per window is normal; more is a renderer that forgot to stop. */
const MAX_SESSIONS = 4
/**
 * A session that has had no audio for this long is abandoned (a window reloaded or closed mid-call): the next
 * listenStart drops it, so forgotten sessions never use up the limit.
 */
const IDLE_SESSION_MS = 30_000

/**
 * Local voice: speaks text with the user's voice models, turns speech into text, and runs microphone sessions.
 * Keeps one voice and one recogniser loaded (the last used), since each holds its model's weights in memory.
 */
export class VoiceService {
  private synthesizer: { id: string; engine: Promise<SpeechSynthesizer> } | null = null
  private recognizer: { id: string; engine: Promise<SpeechRecognizer> } | null = null
  private readonly requests = new Map<string, AbortController>()
  private readonly sessions = new Map<string, { session: ListenSession; lastHeardAt: number }>()
  private readonly now: () => number

  constructor(private readonly options: VoiceServiceOptions) {
    this.now = options.now ?? Date.now
  }

  async models(): Promise<VoiceModel[]> {
    return (await this.options.library.list()).map((d) => d.model)
  }

  /** Detects the folder's model, loads it and runs it once (it stays loaded, likely to be used next), then keeps it. */
  async addModel(path: string): Promise<VoiceModel> {
    const detected = await this.options.library.inspect(path)
    if (detected.model.kind === 'tts') await this.loadSynthesizer(detected)
    else await this.loadRecognizer(detected)
    return (await this.options.library.add(path)).model
  }

  async removeModel(id: string): Promise<void> {
    await this.options.library.remove(id)
    if (this.synthesizer?.id === id) this.synthesizer = null
    if (this.recognizer?.id === id) this.recognizer = null
  }

  async synthesize(input: VoiceSynthesizeInput): Promise<VoiceSynthesizeResult> {
    const requestId = input.requestId ?? null
    if (requestId !== null && this.requests.has(requestId)) {
      throw new AppError('INVALID_INPUT', `A request named ${requestId} is already running.`)
    }
    const controller = new AbortController()
    if (requestId !== null) this.requests.set(requestId, controller)
    try {
      const detected = await this.options.library.get(input.modelId)
      if (detected.model.kind !== 'tts') {
        throw new AppError('MODEL_UNSUPPORTED', `${detected.model.name} is a speech recogniser, not a voice.`)
      }
      const strength = input.emotionStrength ?? 1
      const prosody = prosodyFor(input.emotion ?? null, strength)
      const speakerId = speakerFor(
        { speakerId: input.speakerId ?? 0, speakerByEmotion: input.speakerByEmotion },
        input.emotion ?? null,
        strength
      )
      const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, (input.speed ?? 1) * prosody.rate))
      const voice = await this.loadSynthesizer(detected)
      const samples = await voice
        .synthesize(input.text, { speakerId, speed, signal: controller.signal })
        .catch((error: unknown) => {
          // A voice that timed out may be stuck in native code: the next request loads it afresh.
          if (
            error instanceof AppError &&
            error.code === 'MODEL_FILE_INVALID' &&
            this.synthesizer?.id === voice.modelId
          )
            this.synthesizer = null
          throw error
        })
      return {
        requestId,
        audioBase64: encodeFloat32Base64(samples),
        sampleRate: voice.sampleRate,
        sampleCount: samples.length,
        prosody
      }
    } finally {
      if (requestId !== null) this.requests.delete(requestId)
    }
  }

  /** True when the request was still queued or running. */
  cancel(requestId: string): boolean {
    const controller = this.requests.get(requestId)
    controller?.abort()
    return controller !== undefined
  }

  async transcribe(input: VoiceTranscribeInput): Promise<VoiceTranscribeResult> {
    const audio = resampleLinear(
      decodePcm16Base64(input.audioBase64),
      input.sampleRate ?? VAD_SAMPLE_RATE,
      VAD_SAMPLE_RATE
    )
    const recognizer = await this.loadRecognizer(await this.sttModel(input.modelId))
    const vad = VoiceActivityDetector.open(this.options.vadModelPath)
    let found
    try {
      found = [...vad.accept(audio), ...vad.flush()]
    } finally {
      vad.dispose()
    }
    const segments = []
    for (const segment of found) {
      const text = await recognizer.transcribe(segment.samples)
      segments.push({ startSeconds: segment.startSeconds, endSeconds: segment.endSeconds, text })
    }
    return { text: joinTexts(segments), segments }
  }

  async listenStart(input: VoiceListenStartInput): Promise<{ sessionId: string }> {
    for (const [id, open] of this.sessions) {
      if (this.now() - open.lastHeardAt > IDLE_SESSION_MS) {
        open.session.dispose()
        this.sessions.delete(id)
      }
    }
    if (this.sessions.has(input.sessionId)) {
      throw new AppError('INVALID_INPUT', `A listening session named ${input.sessionId} is already open.`)
    }
    if (this.sessions.size >= MAX_SESSIONS) {
      throw new AppError('BUSY', 'Too many microphone sessions are open; stop one first.')
    }
    const recognizer = await this.loadRecognizer(await this.sttModel(input.modelId))
    const vad = VoiceActivityDetector.open(this.options.vadModelPath, {
      minSilenceSeconds: input.endSilenceSeconds ?? 0.8
    })
    const session = new ListenSession(
      input.sessionId,
      vad,
      recognizer,
      input.sampleRate ?? VAD_SAMPLE_RATE,
      this.options.events
    )
    this.sessions.set(input.sessionId, { session, lastHeardAt: this.now() })
    return { sessionId: input.sessionId }
  }

  listenChunk(sessionId: string, audioBase64: string): { isSpeaking: boolean } {
    const open = this.session(sessionId)
    open.lastHeardAt = this.now()
    return open.session.accept(decodePcm16Base64(audioBase64))
  }

  async listenStop(sessionId: string): Promise<VoiceTranscribeResult> {
    const open = this.session(sessionId)
    this.sessions.delete(sessionId)
    return open.session.stop()
  }

  dispose(): void {
    for (const controller of this.requests.values()) controller.abort()
    for (const open of this.sessions.values()) open.session.dispose()
    this.sessions.clear()
    this.synthesizer = null
    this.recognizer = null
  }

  private session(sessionId: string): { session: ListenSession; lastHeardAt: number } {
    const open = this.sessions.get(sessionId)
    if (!open) throw new AppError('NOT_FOUND', 'That microphone session is not open (it may have been stopped).')
    return open
  }

  /** The chosen recogniser, or the first installed one. */
  private async sttModel(modelId: string | undefined): Promise<DetectedVoiceModel> {
    if (modelId !== undefined) {
      const detected = await this.options.library.get(modelId)
      if (detected.model.kind !== 'stt') {
        throw new AppError('MODEL_UNSUPPORTED', `${detected.model.name} is a voice, not a speech recogniser.`)
      }
      return detected
    }
    const first = (await this.options.library.list()).find((d) => d.model.kind === 'stt')
    if (!first) {
      throw new AppError(
        'NOT_FOUND',
        'No speech-to-text model is installed: add one on the Models screen (a Whisper, SenseVoice, Moonshine or CTC ' +
          "folder in sherpa-onnx's layout)."
      )
    }
    return first
  }

  private loadSynthesizer(detected: DetectedVoiceModel): Promise<SpeechSynthesizer> {
    if (this.synthesizer?.id !== detected.model.id) {
      const engine = SpeechSynthesizer.open(detected, this.options.threads, this.options.timeouts)
      this.synthesizer = { id: detected.model.id, engine }
      // A voice that failed to load is tried again next time (the user may have fixed the folder).
      engine.catch(() => {
        if (this.synthesizer?.engine === engine) this.synthesizer = null
      })
    }
    return this.synthesizer.engine
  }

  private loadRecognizer(detected: DetectedVoiceModel): Promise<SpeechRecognizer> {
    if (this.recognizer?.id !== detected.model.id) {
      const engine = SpeechRecognizer.open(detected, this.options.threads, this.options.timeouts)
      this.recognizer = { id: detected.model.id, engine }
      engine.catch(() => {
        if (this.recognizer?.engine === engine) this.recognizer = null
      })
    }
    return this.recognizer.engine
  }
}
