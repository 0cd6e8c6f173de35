import sherpaOnnx, { type OfflineTts, type OfflineTtsConfig } from 'sherpa-onnx-node'
import { AppError } from '../../shared/errors'
import type { DetectedVoiceModel, VoiceModelFiles } from './detectVoiceModel'
import { DEFAULT_VOICE_TIMEOUTS, SherpaEngine, type VoiceTimeouts } from './SherpaEngine'

export interface SynthesisOptions {
  speakerId: number
  /** 1 = the voice's own speed. */
  speed: number
  signal?: AbortSignal
}

/**
 * One loaded text-to-speech voice (Piper/VITS, Kokoro or Matcha through sherpa-onnx). Generation runs on sherpa-onnx's
 * own threads (generateAsync), so the event loop that streams chat tokens stays free.
 */
export class SpeechSynthesizer extends SherpaEngine<OfflineTts> {
  /** Loads the voice and has it say a test word. */
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
    const tts = await SherpaEngine.load(label, timeouts, () => sherpaOnnx.OfflineTts.createAsync(config), {
      what: 'saying a word',
      run: (loaded) => loaded.generateAsync({ text: 'a.', sid: 0, speed: 1, enableExternalBuffer: false })
    })
    return new SpeechSynthesizer(tts, detected.model.id, timeouts, label)
  }

  get sampleRate(): number {
    return this.native.sampleRate
  }

  /** Speaker ids 0..speakers-1 (sherpa-onnx reports 0 for a single-speaker voice). */
  get speakers(): number {
    return Math.max(1, this.native.numSpeakers)
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
    const audio = await this.runQueued(
      async (tts) => {
        if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.')
        return tts.generateAsync({
          text,
          sid: options.speakerId,
          speed: options.speed,
          // Electron forbids external array buffers: the addon copies the samples into a normal one.
          enableExternalBuffer: false,
          onProgress: () => (signal?.aborted ? 0 : 1)
        })
      },
      this.timeouts.baseMs + this.timeouts.perCharacterMs * text.length,
      'speaking'
    )
    if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    return Float32Array.from(audio.samples)
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
