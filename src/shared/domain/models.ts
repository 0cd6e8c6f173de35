/** Models: GGUF files, their status, per-model settings, sampling, downloads. Plain JSON only: dates are ISO strings. */

/** A LoRA adapter attached to a character or to the loaded model. */
export interface LoraRef {
  path: string
  /** 0..1 */
  scale: number
}

export interface GgufMetadata {
  path: string
  fileName: string
  fileSizeBytes: number
  architecture: string
  name: string | null
  parameterCount: number | null
  quantization: string | null
  contextLength: number | null
  chatTemplate: string | null
  layerCount: number | null
  embeddingLength: number | null
  /** Estimated RAM/VRAM need at the default context size and whether this machine fits it. */
  estimatedRamBytes: number | null
  estimatedVramBytes: number | null
  fitsInMemory: boolean | null
}

export type ModelState = 'none' | 'loading' | 'loaded' | 'error'

export interface ModelStatus {
  state: ModelState
  path: string | null
  metadata: GgufMetadata | null
  contextSize: number | null
  gpu: string | false
  threads: number
  /** The chat template in use ('auto' = the model's own). */
  chatTemplate: string
  /** Layers offloaded to the GPU (0 on CPU). */
  gpuLayers: number | null
  loras: LoraRef[]
  error: string | null
}

/** Sampling settings users of local LLM apps expect. */
export interface SamplingSettings {
  temperature: number
  topP: number
  minP: number
  topK: number
  repeatPenalty: number
  presencePenalty: number
  frequencyPenalty: number
  dryMultiplier: number
  xtcProbability: number
  xtcThreshold: number
  maxTokens: number
  seed: number | null
}

export function defaultSampling(): SamplingSettings {
  return {
    temperature: 0.8,
    topP: 0.95,
    minP: 0.05,
    topK: 40,
    repeatPenalty: 1.1,
    presencePenalty: 0,
    frequencyPenalty: 0,
    dryMultiplier: 0,
    xtcProbability: 0,
    xtcThreshold: 0.1,
    maxTokens: 400,
    seed: null
  }
}

export type DownloadState = 'downloading' | 'paused' | 'done' | 'failed' | 'cancelled'

export interface ModelDownload {
  id: string
  url: string
  fileName: string
  /** Where the finished file goes (the models folder). */
  path: string
  state: DownloadState
  receivedBytes: number
  totalBytes: number | null
  bytesPerSecond: number
  error: string | null
}

export interface RecommendedModel {
  name: string
  /** What it is for: a chat GGUF, or an ONNX model for the emotion reading or for memory embeddings. */
  job: 'chat' | 'emotion' | 'embeddings'
  /** hf:<user>/<repo>/<file.gguf>, or hf:<user>/<repo> for an ONNX model folder */
  uri: string
  sizeBytes: number
  ramBytes: number
  licence: string
  notes: string
}

/** Which weights file of an ONNX model folder loads (transformers.js dtypes); q8 is small and fast on a CPU. */
export const ONNX_DTYPES = ['q8', 'fp32', 'fp16', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const
export type OnnxDtype = (typeof ONNX_DTYPES)[number]

export const CHAT_TEMPLATES = [
  'auto',
  'chatml',
  'llama3',
  'llama3.1',
  'llama2',
  'mistral',
  'gemma',
  'qwen',
  'alpaca',
  'general'
] as const
export type ChatTemplateName = (typeof CHAT_TEMPLATES)[number]

/** Settings kept per model file; sampling here overrides the app-wide sampling while that model is loaded. */
export interface ModelSettings {
  /** null = as large as fits. */
  contextSize: number | null
  gpuLayers: number | 'auto'
  /** 'auto' = the template in the GGUF, or node-llama-cpp's best guess. */
  chatTemplate: ChatTemplateName
  sampling: Partial<SamplingSettings>
}
