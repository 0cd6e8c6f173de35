import type { LoraRef, ModelSettings, ModelStatus } from '../../shared/domain'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { EventBus } from '../util/EventBus'
import type { ModelFileStore } from './ModelFileStore'
import type { ModelSettingsService } from '../settings/ModelSettingsService'

export interface ModelServiceDeps {
  runtime: LlmRuntime
  library: ModelFileStore
  modelSettings: ModelSettingsService
  events: EventBus
}

/**
 * The loaded chat model as the Models screen sees it: loads with the model's saved settings and reports progress.
 * Status events come from the runtime itself (core wires its onStatus), so a swap made anywhere is reported.
 */
export class ModelService {
  constructor(private readonly deps: ModelServiceDeps) {}

  async load(path: string, contextSize?: number): Promise<ModelStatus> {
    const saved = this.deps.modelSettings.get(await this.deps.library.inspect(path))
    return this.deps.runtime.load({
      path,
      contextSize: contextSize ?? saved.contextSize ?? undefined,
      gpuLayers: saved.gpuLayers,
      chatTemplate: saved.chatTemplate,
      onProgress: (progress) => this.deps.events.emit('models.progress', { path, progress })
    })
  }

  unload(): Promise<ModelStatus> {
    return this.deps.runtime.unload()
  }

  status(): Promise<ModelStatus> {
    return this.deps.runtime.status()
  }

  /** The app-wide adapters (characters with their own adapters use those while they speak). */
  setLoras(loras: LoraRef[]): Promise<ModelStatus> {
    return this.deps.runtime.setDefaultLoras(loras)
  }

  async settingsFor(path: string): Promise<ModelSettings> {
    return this.deps.modelSettings.get(await this.deps.library.inspect(path))
  }

  async updateSettings(path: string, patch: Partial<ModelSettings>): Promise<ModelSettings> {
    return this.deps.modelSettings.update(await this.deps.library.inspect(path), patch)
  }
}
