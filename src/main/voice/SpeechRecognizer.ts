import sherpaOnnx, { type OfflineRecognizer, type OfflineRecognizerConfig } from 'sherpa-onnx-node'
import { AppError } from '../../shared/errors'
import type { DetectedVoiceModel, VoiceModelFiles } from './detectVoiceModel'
import { DEFAULT_VOICE_TIMEOUTS, SherpaEngine, type VoiceTimeouts } from './SherpaEngine'
import { VAD_SAMPLE_RATE } from './VoiceActivityDetector'

/**
 * One loaded speech-to-text model (Whisper, SenseVoice, Moonshine, Zipformer or NeMo CTC through sherpa-onnx).
 * Decoding runs on sherpa-onnx's threads (decodeAsync).
 */
export class SpeechRecognizer extends SherpaEngine<OfflineRecognizer> {
  /** Loads the model and has it decode a moment of silence. */
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
    const recognizer = await SherpaEngine.load(
      label,
      timeouts,
      () => sherpaOnnx.OfflineRecognizer.createAsync(config),
      { what: 'hearing silence', run: (loaded) => decode(loaded, new Float32Array(VAD_SAMPLE_RATE / 2)) }
    )
    return new SpeechRecognizer(recognizer, detected.model.id, timeouts, label)
  }

  /** The text said in 16 kHz mono audio (one utterance: the voice-activity detector cuts longer recordings). */
  async transcribe(samples: Float32Array): Promise<string> {
    const seconds = samples.length / VAD_SAMPLE_RATE
    // Speech is about 15 characters a second: the same allowance per second of audio as per character spoken.
    const result = await this.runQueued(
      (recognizer) => decode(recognizer, samples),
      this.timeouts.baseMs + this.timeouts.perCharacterMs * 15 * seconds,
      'transcribing'
    )
    return result.text.trim()
  }
}

function decode(recognizer: OfflineRecognizer, samples: Float32Array): Promise<{ text: string }> {
  const stream = recognizer.createStream()
  stream.acceptWaveform({ samples, sampleRate: VAD_SAMPLE_RATE })
  return recognizer.decodeAsync(stream)
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
