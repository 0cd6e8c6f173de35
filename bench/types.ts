/** Command-line options every suite receives. Paths default to ../shared so other files of the same schema can be swapped in. */
export interface BenchArgs {
  /** GGUF used by suites that run a chat model. */
  model: string
  /** GGUF with a real Llama-2 tokenizer, for token-count measurements (KV reuse). */
  kvModel: string
  locomo: string
  /** A GGUF embedding model file or ONNX model folder for LoCoMo recall instead of the bundled potion-base-2M. */
  embedding?: string
  /** A chat GGUF that extracts facts from each LoCoMo turn, as the app does after a reply (undefined: rules only). */
  memoryModel?: string
  goemotions: string
  /** An ONNX text-classification model folder to score on GoEmotions (undefined: not scored). */
  emotionModel?: string
  /** A WAV file (any rate and channels) for the voice suite. */
  voiceAudio: string
  /** A text-to-speech model folder (sherpa-onnx layout) for voice.ttsFirstAudioMs (undefined: a tiny random voice). */
  ttsModel?: string
  /** A speech-to-text model folder for voice.sttRealtimeFactor (undefined: a tiny random recogniser). */
  sttModel?: string
  /** Folder of example character cards. */
  cards: string
  /** Scratch directory for stores the suites create. */
  workDir: string
  /** Smaller workloads, for a quick check. */
  isQuick: boolean
  /** The scale suite's chat sizes instead of its defaults (e.g. only 100000, on a quiet machine). */
  scaleSizes?: number[]
}

/** Flat metric keys ("chat.ratio") to numbers or small JSON objects. */
export type BenchResult = Record<string, unknown>

export interface BenchSuite {
  name: string
  run(args: BenchArgs): Promise<BenchResult>
}
