import type { AppSettings, SettingsUpdateInput } from '../../shared/contract'
import { defaultSampling } from '../../shared/domain'
import { defaultVoiceSettings } from '../../shared/domain/voice'
import { AppError } from '../../shared/errors'
import type { SettingsRepository } from '../db/repositories/SettingsRepository'

const KEY = 'app'

export function defaultAppSettings(): AppSettings {
  return {
    sampling: defaultSampling(),
    memoryTokenBudget: 1500,
    stopStrings: [],
    isModelMemoryExtractionOn: true,
    imageServer: null,
    embeddingModelPath: null,
    emotionModelPath: null,
    onnxDtype: 'q8',
    emotionClassifier: 'builtin',
    autoBackupKeep: 7,
    voice: defaultVoiceSettings()
  }
}

/** User settings in SQLite, merged over code defaults so new settings appear without a migration. */
export class SettingsService {
  constructor(private readonly repository: SettingsRepository) {}

  get(): AppSettings {
    const stored = this.repository.read<Partial<AppSettings>>(KEY) ?? {}
    const defaults = defaultAppSettings()
    return {
      ...defaults,
      ...stored,
      sampling: { ...defaults.sampling, ...stored.sampling },
      voice: { ...defaults.voice, ...stored.voice }
    }
  }

  /** The contract's update, plus fields only services set (the embedding model is switched by the memory service). */
  update(
    input: SettingsUpdateInput & { embeddingModelPath?: string | null; emotionModelPath?: string | null }
  ): AppSettings {
    const current = this.get()
    if (input.emotionClassifier === 'onnx' && !(input.emotionModelPath ?? current.emotionModelPath))
      throw new AppError('INVALID_INPUT', 'Add an ONNX emotion model first (a folder with config.json and onnx/).')
    const next: AppSettings = {
      ...current,
      ...input,
      sampling: { ...current.sampling, ...input.sampling },
      voice: { ...current.voice, ...input.voice },
      stopStrings: input.stopStrings ?? current.stopStrings
    }
    this.repository.write(KEY, next)
    return next
  }
}
