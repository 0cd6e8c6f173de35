import { join } from 'node:path'
import type { AppConfig } from '../config'
import type { LlmRuntime } from '../llm/LlmRuntime'
import { DownloadService } from '../models/DownloadService'
import { ModelFileStore } from '../models/ModelFileStore'
import { ModelService } from '../models/ModelService'
import type { EventBus } from '../util/EventBus'
import type { Stores } from './openStores'

/** Chat models: the files in the models folder (and the user's added paths), downloads, and loading them. */
export function wireModels(
  config: AppConfig,
  { settings, modelSettings }: Stores,
  deps: { runtime: LlmRuntime; events: EventBus }
): { library: ModelFileStore; downloads: DownloadService; models: ModelService } {
  const { runtime, events } = deps
  const library = new ModelFileStore(config.modelsDir, join(config.dataDir, 'custom-models.json'), () =>
    runtime.getLlama()
  )
  const downloads = new DownloadService(config.modelsDir, (download) => events.emit('models.download', download), {
    hfEndpoint: config.huggingFaceEndpoint,
    onnxDtype: () => settings.get().onnxDtype
  })
  return { library, downloads, models: new ModelService({ runtime, library, modelSettings, events }) }
}
