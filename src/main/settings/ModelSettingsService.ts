import type { GgufMetadata, ModelSettings, SamplingSettings } from '../../shared/domain'
import type { SettingsRepository } from '../db/repositories/SettingsRepository'
import { modelFamilyDefaults } from './modelFamilyDefaults'

/** Per-model settings in SQLite, starting from the model family's defaults the first time a model is seen. */
export class ModelSettingsService {
  constructor(private readonly repository: SettingsRepository) {}

  get(metadata: Pick<GgufMetadata, 'path' | 'architecture' | 'name'>): ModelSettings {
    const stored = this.repository.read<ModelSettings>(this.key(metadata.path))
    return stored ?? modelFamilyDefaults(metadata)
  }

  update(metadata: Pick<GgufMetadata, 'path' | 'architecture' | 'name'>, patch: Partial<ModelSettings>): ModelSettings {
    const current = this.get(metadata)
    const next: ModelSettings = { ...current, ...patch, sampling: { ...current.sampling, ...patch.sampling } }
    this.repository.write(this.key(metadata.path), next)
    return next
  }

  /**
   * The app-wide sampling with the loaded model's own settings on top: the user's stored choices, or else its
   * family's defaults, exactly what the Models screen shows for it (`get`).
   */
  samplingFor(
    model: Pick<GgufMetadata, 'path' | 'architecture' | 'name'> | null,
    appSampling: SamplingSettings
  ): SamplingSettings {
    if (!model) return appSampling
    return { ...appSampling, ...this.get(model).sampling }
  }

  private key(path: string): string {
    return `model:${path}`
  }
}
