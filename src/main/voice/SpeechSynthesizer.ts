import sherpaOnnx, { type OfflineTts, type OfflineTtsConfig } from 'sherpa-onnx-node'
import { AppError } from '../../shared/errors'
import type { DetectedVoiceModel, VoiceModelFiles } from './detectVoiceModel'
import { SerialQueue } from '../util/SerialQueue'
import { withTimeout } from './withTimeout'

/** How long a generation may take: generous for a slow CPU, per character of text. */
export interface VoiceTimeouts {
  /** The test sentence run right after loading. */
  probeMs: number
  /** Base time of any generation or decode, plus perCharacterMs per character of text. */
  baseMs: number
  perCharacterMs: number
}

export const DEFAULT_VOICE_TIMEOUTS: VoiceTimeouts = { probeMs: 30_000, baseMs: 60_000, perCharacterMs: 200 }

export interface SynthesisOptions {
  speakerId: number
  /** 1 = the voice's own speed. */
  speed: number
  signal?: AbortSignal
}

/**
 * One loaded text-to-speech voice (Piper/VITS, Kokoro or Matcha through sherpa-onnx). Loading and generation run on
 * sherpa-onnx's own threads (createAsync, generateAsync), so the event loop that streams chat tokens stays free;
 * generations run one at a time, since the native voice is not documented as safe to share between threads.
 */
export class SpeechSynthesizer {
  private readonly queue = new SerialQueue()

  private constructor(
    private readonly tts: OfflineTts,
    readonly modelId: string,
    private readonly timeouts: VoiceTimeouts,
    private readonly label: string
  ) {}

  /** Loads the voice and has it say a test word: a model that breaks at run time is refused here, not mid-reply. */
  static async open(
    detected: DetectedVoiceModel,
    threads: number,
    timeouts: VoiceTimeouts = DEFAULT_VOICE_TIMEOUTS
  ): Promise<SpeechSynthesizer> {
    const config: OfflineTtsConfig = {
      model: { ...ttsModelConfig(detected.files), numThreads: threads, debug: false },
      // One sentence per batch: a cancel takes effect at the next sentence.
      maxNumSentences: 1
    }
    const label = `The voice ${detected.model.path}`
    let tts: OfflineTts
    try {
      tts = await withTimeout(sherpaOnnx.OfflineTts.createAsync(config), timeouts.probeMs, `Loading ${label}`)
    } catch (cause) {
      if (cause instanceof AppError) throw cause
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new AppError('MODEL_FILE_INVALID', `${label} could not be loaded: ${reason}`, { cause })
    }
    const voice = new SpeechSynthesizer(tts, detected.model.id, timeouts, label)
    await withTimeout(
      tts.generateAsync({ text: 'a.', sid: 0, speed: 1, enableExternalBuffer: false }),
      timeouts.probeMs,
      `${label} failed its test: saying a word`
    )
    return voice
  }

  get sampleRate(): number {
    return this.tts.sampleRate
  }

  /** Speaker ids 0..speakers-1 (sherpa-onnx reports 0 for a single-speaker voice). */
  get speakers(): number {
    return Math.max(1, this.tts.numSpeakers)
  }

  /** Mono samples in [-1, 1] at sampleRate; CANCELLED when the signal fires first. */
  async synthesize(text: string, options: SynthesisOptions): Promise<Float32Array> {
    if (!Number.isInteger(options.speakerId) || options.speakerId < 0 || options.speakerId >= this.speakers) {
      // sherpa-onnx would quietly use speaker 0 instead.
      throw new AppError(
        'INVALID_INPUT',
        `This voice has ${this.speakers} speaker(s): choose a speaker id from 0 to ${this.speakers - 1}.`
      )
    }
    const { signal } = options
    return this.queue.run(async () => {
      if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.')
      const audio = await withTimeout(
        this.tts.generateAsync({
          text,
          sid: options.speakerId,
          speed: options.speed,
          // Electron forbids external array buffers: the addon copies the samples into a normal one.
          enableExternalBuffer: false,
          onProgress: () => (signal?.aborted ? 0 : 1)
        }),
        this.timeouts.baseMs + this.timeouts.perCharacterMs * text.length,
        `${this.label} speaking`
      )
      if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.')
      return Float32Array.from(audio.samples)
    })
  }
}

function ttsModelConfig(files: VoiceModelFiles): OfflineTtsConfig['model'] {
  switch (files.engine) {
    case 'piper':
    case 'vits': {
      const { engine: _engine, ...vits } = files
      return { vits }
    }
    case 'kokoro': {
      const { engine: _engine, ...kokoro } = files
      return { kokoro }
    }
    case 'matcha': {
      const { engine: _engine, ...matcha } = files
      return { matcha }
    }
    default:
      throw new AppError('MODEL_UNSUPPORTED', `A ${files.engine} model is a speech recogniser, not a voice.`)
  }
}
