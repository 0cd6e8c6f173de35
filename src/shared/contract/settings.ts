/** The contract's settings part: inputs, results and the settings.* methods. */
import type { EmotionClassifierChoice, OnnxDtype, SamplingSettings, VoiceSettings } from '../domain'

/** User-level settings kept in SQLite. */
export interface AppSettings {
  sampling: SamplingSettings
  /** Token budget for retrieved memories in the prompt. */
  memoryTokenBudget: number
  /** Extra stop strings on top of the automatic "{{user}}:" stops. */
  stopStrings: string[]
  /** Also ask the loaded model for facts after each reply (rules always run). */
  isModelMemoryExtractionOn: boolean
  /** The user's own local Stable Diffusion server for avatars; null = off (the default). */
  imageServer: { baseUrl: string; kind: 'a1111' | 'comfyui' } | null
  /** A GGUF embedding model file or an ONNX feature-extraction model folder for memory; null = the bundled potion-base-2M. */
  embeddingModelPath: string | null
  /** The ONNX emotion model folder used when emotionClassifier is 'onnx'. */
  emotionModelPath: string | null
  /** Which weights file of an ONNX model folder loads. */
  onnxDtype: OnnxDtype
  /** Who reads emotions; 'chat-model' refines the built-in reading in the background and falls back to it. */
  emotionClassifier: EmotionClassifierChoice
  /** Automatic daily backups kept in the data folder's backups/ (the oldest are deleted); 0 turns them off. */
  autoBackupKeep: number
  /** How replies are read aloud. */
  voice: VoiceSettings
}

export type SettingsUpdateInput = {
  isModelMemoryExtractionOn?: boolean
  imageServer?: AppSettings['imageServer']
  sampling?: Partial<SamplingSettings>
  memoryTokenBudget?: number
  stopStrings?: string[]
  emotionClassifier?: EmotionClassifierChoice
  onnxDtype?: OnnxDtype
  autoBackupKeep?: number
  voice?: Partial<VoiceSettings>
}

export interface SettingsApi {
  get(input: Record<string, never>): Promise<AppSettings>
  update(input: SettingsUpdateInput): Promise<AppSettings>
}
