import type { EmotionReading } from '../../shared/domain'
import type { OnnxRuntime } from '../onnx/OnnxRuntime'
import type { OnnxDtype } from '../../shared/domain'
import { readOnnxModelFolder } from '../onnx/readOnnxModelFolder'
import { moodOf, type FineLabel } from './labels'
import { mapEmotionLabels } from './mapEmotionLabels'

export interface OnnxReading extends EmotionReading {
  /** Score per app label (the best of the model labels mapped to it). */
  scores: Partial<Record<FineLabel, number>>
}

/**
 * A text-classification ONNX model the user added (a GoEmotions RoBERTa, an Ekman DistilBERT...), run in the ONNX
 * worker. Its labels come from config.json and are mapped to the app's once, at load.
 */
export class OnnxEmotionClassifier {
  private constructor(
    readonly id: string,
    /** The model's label names (id2label) mapped to the app's labels. */
    readonly labels: ReadonlyMap<string, FineLabel>,
    private readonly runtime: OnnxRuntime,
    private readonly handle: number
  ) {}

  static async load(runtime: OnnxRuntime, dir: string, dtype?: OnnxDtype): Promise<OnnxEmotionClassifier> {
    const folder = await readOnnxModelFolder(dir, dtype)
    const mapped = mapEmotionLabels(folder.labels)
    const labels = new Map(folder.labels.map((name, i) => [name, mapped[i]!]))
    const handle = await runtime.load('text-classification', folder.dir, folder.dtype)
    return new OnnxEmotionClassifier(`onnx:${folder.name}:${folder.dtype}`, labels, runtime, handle)
  }

  async classify(texts: readonly string[], signal?: AbortSignal): Promise<OnnxReading[]> {
    const results = await this.runtime.classify(this.handle, texts, signal)
    return results.map((scores) => {
      const byLabel: Partial<Record<FineLabel, number>> = {}
      let best: FineLabel = 'neutral'
      let bestScore = -1
      for (const { label, score } of scores) {
        const fine = this.labels.get(label)
        if (!fine) continue
        byLabel[fine] = Math.max(byLabel[fine] ?? 0, score)
        if (score > bestScore) {
          best = fine
          bestScore = score
        }
      }
      return { label: moodOf(best), fineLabel: best, confidence: Math.max(0, bestScore), scores: byLabel }
    })
  }

  async dispose(): Promise<void> {
    await this.runtime.unload(this.handle)
  }
}
