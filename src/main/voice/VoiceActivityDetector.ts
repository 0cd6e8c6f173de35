import { readFileSync, statSync } from 'node:fs'
import sherpaOnnx, { type Vad } from 'sherpa-onnx-node'
import { AppError } from '../../shared/errors'
import { checkOnnxFile } from './checkOnnxFile'

/** The detector works on 16 kHz mono float PCM in [-1, 1]; readWav converts other audio to this. */
export const VAD_SAMPLE_RATE = 16_000

export interface SpeechSegment {
  startSeconds: number
  endSeconds: number
  /** The segment's audio (16 kHz mono), owned by the caller. */
  samples: Float32Array
}

export interface VadOptions {
  /** Speech probability above which a window counts as speech (Silero's default 0.5). */
  threshold?: number
  /** Silence that ends a segment, in seconds (a pause that ends a turn in call mode). */
  minSilenceSeconds?: number
  /** Shorter bursts are ignored (clicks, breaths). */
  minSpeechSeconds?: number
  /** Longer speech is cut into segments of at most this length. */
  maxSpeechSeconds?: number
}

/**
 * Silero's window at 16 kHz is 512 samples (32 ms). sherpa-onnx's segment bounds depend on the size of the chunks it
 * is fed (measured on jfk.wav: 333-sample chunks merged two segments, 3584-sample ones moved every start by ~0.1 s),
 * so the detector is fed exactly one window per call and the remainder waits for the next chunk: the same audio gives
 * the same segments however it arrives.
 */
const WINDOW_SIZE = 512
/** Audio the detector keeps for a segment still being spoken; longer speech is split by maxSpeechSeconds first. */
const BUFFER_SECONDS = 60

/**
 * Finds speech in a stream of audio with the Silero VAD model through sherpa-onnx: feed chunks as they arrive and get
 * each speech segment once the silence after it is long enough; flush at the end of the stream.
 */
export class VoiceActivityDetector {
  private vad: Vad | null
  private pending = new Float32Array(0)

  private constructor(vad: Vad) {
    this.vad = vad
  }

  /** Opens the model; a missing file is MODEL_FILE_NOT_FOUND and a file that is not an ONNX model MODEL_FILE_INVALID. */
  static open(modelPath: string, options: VadOptions = {}): VoiceActivityDetector {
    const label = `The voice-activity model ${modelPath}`
    let isFile: boolean
    try {
      isFile = statSync(modelPath).isFile()
    } catch (error) {
      throw new AppError('MODEL_FILE_NOT_FOUND', `${label} does not exist.`, { cause: error })
    }
    if (!isFile) throw new AppError('MODEL_FILE_NOT_FOUND', `${label} is not a file.`)
    checkOnnxFile(readFileSync(modelPath), label)
    const vad = new sherpaOnnx.Vad(
      {
        sileroVad: {
          model: modelPath,
          threshold: options.threshold ?? 0.5,
          minSilenceDuration: options.minSilenceSeconds ?? 0.5,
          minSpeechDuration: options.minSpeechSeconds ?? 0.25,
          maxSpeechDuration: options.maxSpeechSeconds ?? 20,
          windowSize: WINDOW_SIZE
        },
        sampleRate: VAD_SAMPLE_RATE,
        numThreads: 1,
        debug: false
      },
      BUFFER_SECONDS
    )
    return new VoiceActivityDetector(vad)
  }

  /** Feeds 16 kHz mono samples; returns the segments that ended within them (often none). */
  accept(samples: Float32Array): SpeechSegment[] {
    const vad = this.live()
    const joined = new Float32Array(this.pending.length + samples.length)
    joined.set(this.pending)
    joined.set(samples, this.pending.length)
    const whole = joined.length - (joined.length % WINDOW_SIZE)
    for (let at = 0; at < whole; at += WINDOW_SIZE) vad.acceptWaveform(joined.slice(at, at + WINDOW_SIZE))
    this.pending = joined.slice(whole)
    return this.drain(vad)
  }

  /** Ends the stream: returns the segment still being spoken, if any. */
  flush(): SpeechSegment[] {
    const vad = this.live()
    if (this.pending.length > 0) vad.acceptWaveform(this.pending)
    this.pending = new Float32Array(0)
    vad.flush()
    const segments = this.drain(vad)
    vad.reset()
    return segments
  }

  /** True while the latest audio is speech (for a level meter or barge-in). */
  get isSpeaking(): boolean {
    return this.live().isDetected()
  }

  /** Forgets all audio and pending segments, for a new recording. */
  reset(): void {
    this.live().reset()
    this.pending = new Float32Array(0)
  }

  /** Releases the detector; any later call is an error. */
  dispose(): void {
    this.vad?.clear()
    // The native detector is freed with its handle; dropping the only reference lets the garbage collector do it.
    this.vad = null
  }

  private live(): Vad {
    if (this.vad === null) throw new AppError('INVALID_INPUT', 'The voice-activity detector was disposed.')
    return this.vad
  }

  private drain(vad: Vad): SpeechSegment[] {
    const segments: SpeechSegment[] = []
    while (!vad.isEmpty()) {
      // enableExternalBuffer false: Electron forbids external array buffers, so the addon copies the samples.
      const front = vad.front(false)
      const samples = Float32Array.from(front.samples)
      segments.push({
        startSeconds: front.start / VAD_SAMPLE_RATE,
        endSeconds: (front.start + samples.length) / VAD_SAMPLE_RATE,
        samples
      })
      vad.pop()
    }
    return segments
  }
}
