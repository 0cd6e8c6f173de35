import sherpaOnnx, { type OfflineRecognizer, type OfflineRecognizerConfig } from 'sherpa-onnx-node'
import { AppError } from '../../shared/errors'
import type { DetectedVoiceModel, VoiceModelFiles } from './detectVoiceModel'
import { SerialQueue } from '../util/SerialQueue'
import { DEFAULT_VOICE_TIMEOUTS, type VoiceTimeouts } from './SpeechSynthesizer'
import { withTimeout } from './withTimeout'
import { VAD_SAMPLE_RATE } from './VoiceActivityDetector'

/**
 * One loaded speech-to-text model (Whisper, SenseVoice, Moonshine, Zipformer or NeMo CTC through sherpa-onnx).
 * Loading and decoding run on sherpa-onnx's threads (createAsync, decodeAsync); decodes run one at a time.
 */
export class SpeechRecognizer {
  private readonly queue = new SerialQueue()

  private constructor(
    private readonly recognizer: OfflineRecognizer,
    readonly modelId: string,
    private readonly timeouts: VoiceTimeouts,
    private readonly label: string
  ) {}

  /** Loads the model and has it decode a moment of silence: a model that breaks at run time is refused here. */
  static async open(
    detected: DetectedVoiceModel,
    threads: number,
    timeouts: VoiceTimeouts = DEFAULT_VOICE_TIMEOUTS
  ): Promise<SpeechRecognizer> {
    const config: OfflineRecognizerConfig = {
      featConfig: { sampleRate: VAD_SAMPLE_RATE, featureDim: 80 },
      modelConfig: { ...sttModelConfig(detected.files), numThreads: threads, debug: 0 },
      decodingMethod: 'greedy_search'
    }
    const label = `The speech recogniser ${detected.model.path}`
    let recognizer: OfflineRecognizer
    try {
      recognizer = await withTimeout(
        sherpaOnnx.OfflineRecognizer.createAsync(config),
        timeouts.probeMs,
        `Loading ${label}`
      )
    } catch (cause) {
      if (cause instanceof AppError) throw cause
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new AppError('MODEL_FILE_INVALID', `${label} could not be loaded: ${reason}`, { cause })
    }
    const engine = new SpeechRecognizer(recognizer, detected.model.id, timeouts, label)
    const stream = recognizer.createStream()
    stream.acceptWaveform({ samples: new Float32Array(VAD_SAMPLE_RATE / 2), sampleRate: VAD_SAMPLE_RATE })
    await withTimeout(recognizer.decodeAsync(stream), timeouts.probeMs, `${label} failed its test: hearing silence`)
    return engine
  }

  /** The text said in 16 kHz mono audio (one utterance: the voice-activity detector cuts longer recordings). */
  async transcribe(samples: Float32Array): Promise<string> {
    return this.queue.run(async () => {
      const stream = this.recognizer.createStream()
      stream.acceptWaveform({ samples, sampleRate: VAD_SAMPLE_RATE })
      const seconds = samples.length / VAD_SAMPLE_RATE
      // Speech is about 15 characters a second: the same allowance per second of audio as per character spoken.
      const result = await withTimeout(
        this.recognizer.decodeAsync(stream),
        this.timeouts.baseMs + this.timeouts.perCharacterMs * 15 * seconds,
        `${this.label} transcribing`
      )
      return result.text.trim()
    })
  }
}

function sttModelConfig(files: VoiceModelFiles): OfflineRecognizerConfig['modelConfig'] {
  switch (files.engine) {
    case 'zipformer-ctc':
      return { zipformerCtc: { model: files.model }, tokens: files.tokens }
    case 'nemo-ctc':
      return { nemoCtc: { model: files.model }, tokens: files.tokens }
    case 'sensevoice':
      return { senseVoice: { model: files.model, useInverseTextNormalization: 1 }, tokens: files.tokens }
    case 'whisper':
      return { whisper: { encoder: files.encoder, decoder: files.decoder, task: 'transcribe' }, tokens: files.tokens }
    case 'moonshine': {
      const { engine: _engine, tokens, ...moonshine } = files
      return { moonshine, tokens }
    }
    default:
      throw new AppError('MODEL_UNSUPPORTED', `A ${files.engine} model is a voice, not a speech recogniser.`)
  }
}
