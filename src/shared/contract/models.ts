/** The contract's models part: inputs, results and the models.* methods. */
import type { GgufMetadata, LoraRef, ModelDownload, ModelSettings, ModelStatus, RecommendedModel } from '../domain'
import type { DeleteResult, IdInput } from './common'

export interface ModelPathInput {
  /** Absolute path to a .gguf file. */
  path: string
}

export interface ModelLoadInput extends ModelPathInput {
  /** Context window in tokens; omitted means "as large as fits, up to the app's cap". */
  contextSize?: number
}

export interface ModelSettingsInput extends ModelPathInput {
  settings: Partial<ModelSettings>
}

export interface ModelDownloadInput {
  /** https URL or hf:<user>/<repo>/<file.gguf> */
  url: string
  fileName?: string
  sha256?: string
}

export interface LorasInput {
  /** Adapters applied to the loaded model for characters without their own. */
  loras: LoraRef[]
}

export interface EmotionModelInput {
  /** An ONNX text-classification model folder (Hugging Face layout); null = back to the bundled classifier. */
  path: string | null
}

export interface EmotionModelResult {
  /** The loaded model's id; null when none is. */
  modelId: string | null
  /** The model's own labels, in id order. */
  labels: string[]
}

export interface ModelsApi {
  list(input: Record<string, never>): Promise<GgufMetadata[]>
  inspect(input: ModelPathInput): Promise<GgufMetadata>
  load(input: ModelLoadInput): Promise<ModelStatus>
  unload(input: Record<string, never>): Promise<ModelStatus>
  status(input: Record<string, never>): Promise<ModelStatus>
  /** Adds a GGUF from anywhere on disk to the list. */
  add(input: ModelPathInput): Promise<GgufMetadata>
  remove(input: ModelPathInput): Promise<DeleteResult>
  recommended(input: Record<string, never>): Promise<RecommendedModel[]>
  download(input: ModelDownloadInput): Promise<ModelDownload>
  downloads(input: Record<string, never>): Promise<ModelDownload[]>
  pauseDownload(input: IdInput): Promise<ModelDownload>
  resumeDownload(input: IdInput): Promise<ModelDownload>
  cancelDownload(input: IdInput): Promise<ModelDownload>
  setLoras(input: LorasInput): Promise<ModelStatus>
  /** Context size, GPU layers, chat template and sampling kept for one model file (family defaults at first). */
  getSettings(input: ModelPathInput): Promise<ModelSettings>
  updateSettings(input: ModelSettingsInput): Promise<ModelSettings>
  /** Loads an ONNX emotion model (its labels mapped to the app's) and reads new messages with it. */
  setEmotionModel(input: EmotionModelInput): Promise<EmotionModelResult>
}

/** Events pushed from main to the renderer by the models services. */
export interface ModelsEvents {
  'models.progress': { path: string; progress: number }
  'models.status': ModelStatus
  'models.download': ModelDownload
}
