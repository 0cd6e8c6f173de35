import type { EmotionModelResult } from '../../shared/contract'
import type { SettingsService } from '../settings/SettingsService'
import type { OnnxRuntime } from '../onnx/OnnxRuntime'
import { OnnxEmotionClassifier } from './OnnxEmotionClassifier'

/**
 * Owns the user's ONNX emotion model: loads it at start from the settings, switches it (the new one is loaded and its
 * labels checked before the old one goes, so a bad folder changes nothing) and records the choice. Messages already
 * read keep their readings; new ones use the model.
 */
export class EmotionModelService {
  private classifier: OnnxEmotionClassifier | null = null
  private switching: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly runtime: OnnxRuntime,
    private readonly settings: SettingsService
  ) {}

  /** The chosen model, when the user chose one and it loaded; null means the bundled reading stands. */
  get current(): OnnxEmotionClassifier | null {
    return this.settings.get().emotionClassifier === 'onnx' ? this.classifier : null
  }

  /** Loads the model the settings name, if any; a model that no longer loads is reported, not fatal. */
  async restore(): Promise<string | null> {
    const path = this.settings.get().emotionModelPath
    if (!path) return null
    try {
      this.classifier = await OnnxEmotionClassifier.load(this.runtime, path, this.settings.get().onnxDtype)
      return null
    } catch (error) {
      console.warn('[emotion] the chosen ONNX emotion model could not be loaded; using the bundled one', error)
      return `The emotion model ${path} could not be loaded, so emotions are read by the bundled classifier for now.`
    }
  }

  setModel(path: string | null): Promise<EmotionModelResult> {
    const next = this.switching.then(() => this.switchTo(path))
    this.switching = next.catch(() => undefined)
    return next
  }

  async dispose(): Promise<void> {
    await this.switching
    await this.classifier?.dispose()
    this.classifier = null
  }

  private async switchTo(path: string | null): Promise<EmotionModelResult> {
    const loaded = path ? await OnnxEmotionClassifier.load(this.runtime, path, this.settings.get().onnxDtype) : null
    const old = this.classifier
    this.classifier = loaded
    const wasOnnx = this.settings.get().emotionClassifier === 'onnx'
    this.settings.update({
      emotionModelPath: path,
      emotionClassifier: loaded ? 'onnx' : wasOnnx ? 'builtin' : this.settings.get().emotionClassifier
    })
    await old?.dispose()
    return { modelId: loaded?.id ?? null, labels: loaded ? [...loaded.labels.keys()] : [] }
  }
}
