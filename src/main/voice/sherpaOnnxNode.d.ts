// The parts of sherpa-onnx-node (plain JavaScript, no typings of its own) that the voice code uses.
declare module 'sherpa-onnx-node' {
  export interface SileroVadModelConfig {
    model: string
    threshold?: number
    minSilenceDuration?: number
    minSpeechDuration?: number
    maxSpeechDuration?: number
    windowSize?: number
  }

  export interface VadConfig {
    sileroVad: SileroVadModelConfig
    sampleRate?: number
    numThreads?: number
    provider?: string
    debug?: boolean
  }

  /** A detected segment: `start` is the index of its first sample since the detector began. */
  export interface SpeechSegmentHandle {
    start: number
    samples: Float32Array
  }

  export class Vad {
    constructor(config: VadConfig, bufferSizeInSeconds: number)
    acceptWaveform(samples: Float32Array): void
    isEmpty(): boolean
    isDetected(): boolean
    pop(): void
    clear(): void
    front(enableExternalBuffer?: boolean): SpeechSegmentHandle
    reset(): void
    flush(): void
  }

  /** Paths and options by sherpa-onnx-node's names; unset families stay empty. */
  export interface OfflineTtsConfig {
    model: {
      vits?: { model: string; tokens: string; dataDir?: string; lexicon?: string; dictDir?: string }
      kokoro?: { model: string; voices: string; tokens: string; dataDir: string; lexicon?: string }
      matcha?: { acousticModel: string; vocoder: string; tokens: string; dataDir?: string; lexicon?: string }
      numThreads?: number
      debug?: boolean
      provider?: string
    }
    maxNumSentences?: number
  }

  export interface GeneratedAudio {
    samples: Float32Array
    sampleRate: number
  }

  export class OfflineTts {
    static createAsync(config: OfflineTtsConfig): Promise<OfflineTts>
    readonly numSpeakers: number
    readonly sampleRate: number
    generateAsync(request: {
      text: string
      sid: number
      speed: number
      enableExternalBuffer?: boolean
      /** Called with each finished batch of sentences; returning 0 or false stops the generation. */
      onProgress?: (info: { samples: Float32Array; progress: number }) => number | boolean | void
    }): Promise<GeneratedAudio>
  }

  export interface OfflineRecognizerConfig {
    featConfig?: { sampleRate?: number; featureDim?: number }
    modelConfig: {
      zipformerCtc?: { model: string }
      nemoCtc?: { model: string }
      senseVoice?: { model: string; language?: string; useInverseTextNormalization?: number }
      whisper?: { encoder: string; decoder: string; language?: string; task?: string }
      moonshine?: { preprocessor: string; encoder: string; uncachedDecoder: string; cachedDecoder: string }
      tokens: string
      numThreads?: number
      debug?: boolean | number
      provider?: string
    }
    decodingMethod?: string
  }

  export interface OfflineStream {
    acceptWaveform(waveform: { samples: Float32Array; sampleRate: number }): void
  }

  export class OfflineRecognizer {
    static createAsync(config: OfflineRecognizerConfig): Promise<OfflineRecognizer>
    createStream(): OfflineStream
    decodeAsync(stream: OfflineStream): Promise<{ text: string }>
  }

  // A CommonJS module whose exports Node's ES-module loader cannot list: only its default import works everywhere.
  const sherpaOnnx: { Vad: typeof Vad; OfflineTts: typeof OfflineTts; OfflineRecognizer: typeof OfflineRecognizer }
  export default sherpaOnnx
}
