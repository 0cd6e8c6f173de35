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

  // A CommonJS module whose exports Node's ES-module loader cannot list: only its default import works everywhere.
  const sherpaOnnx: { Vad: typeof Vad }
  export default sherpaOnnx
}
