import sherpaOnnx, { type OfflineRecognizer, type OfflineRecognizerConfig } from 'sherpa-onnx-node'
import { AppError } from '../../shared/errors'
import type { DetectedVoiceModel, VoiceModelFiles } from './detectVoiceModel'
import { SerialQueue } from './SerialQueue'
import { VAD_SAMPLE_RATE } from './VoiceActivityDetector'

/**
 * One loaded speech-to-text model (Whisper, SenseVoice, Moonshine, Zipformer or NeMo CTC through sherpa-onnx).
 * Loading and decoding run on sherpa-onnx's threads (createAsync, decodeAsync); decodes run one at a time.
 */
export class SpeechRecognizer {
  private readonly queue = new SerialQueue()

  private constructor(
    private readonly recognizer: OfflineRecognizer,
    readonly modelId: string
  ) {}

  static async open(detected: DetectedVoiceModel, threads: number): Promise<SpeechRecognizer> {
    const config: OfflineRecognizerConfig = {
      featConfig: { sampleRate: VAD_SAMPLE_RATE, featureDim: 80 },
      modelConfig: { ...sttModelConfig(detected.files), numThreads: threads, debug: 0 },
      decodingMethod: 'greedy_search'
    }
    try {
      return new SpeechRecognizer(await sherpaOnnx.OfflineRecognizer.createAsync(config), detected.model.id)
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new AppError(
        'MODEL_FILE_INVALID',
        `The speech recogniser ${detected.model.path} could not be loaded: ${reason}`,
        { cause }
      )
    }
  }

  /** The text said in 16 kHz mono audio (one utterance: the voice-activity detector cuts longer recordings). */
  async transcribe(samples: Float32Array): Promise<string> {
    return this.queue.run(async () => {
      const stream = this.recognizer.createStream()
      stream.acceptWaveform({ samples, sampleRate: VAD_SAMPLE_RATE })
      const result = await this.recognizer.decodeAsync(stream)
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
