import { EKMAN_OF, EKMAN_LABELS } from '../../src/main/emotion/labels'
import { OnnxEmotionClassifier } from '../../src/main/emotion/OnnxEmotionClassifier'
import { physicalCoreCount } from '../../src/main/llm/physicalCoreCount'
import { OnnxRuntime } from '../../src/main/onnx/OnnxRuntime'
import type { BenchResult } from '../types'
import { percentile } from '../stats'
import { ekmanIndex, goldEkman } from './ekman'
import type { GoEmotionsRow } from './loadGoEmotions'
import { macroF1 } from './macroF1'

/** GoEmotions' own cut for its multi-label models' sigmoid outputs. */
const THRESHOLD = 0.5

/**
 * An ONNX emotion model (`--emotion-model DIR`) loaded as the app's setting loads it and read one message at a time, as
 * the app reads them: Ekman macro-F1 of its labels above 0.5 (the top one when none is), of its top label, and latency.
 */
export async function scoreOnnxClassifier(dir: string, rows: readonly GoEmotionsRow[]): Promise<BenchResult> {
  const runtime = new OnnxRuntime(physicalCoreCount())
  try {
    const classifier = await OnnxEmotionClassifier.load(runtime, dir)
    const gold: Set<number>[] = []
    const predicted: Set<number>[] = []
    const top: Set<number>[] = []
    const times: number[] = []
    for (const row of rows) {
      const started = performance.now()
      const [reading] = await classifier.classify([row.text])
      times.push(performance.now() - started)
      const above = Object.entries(reading!.scores)
        .filter(([, score]) => score >= THRESHOLD)
        .map(([label]) => EKMAN_LABELS.indexOf(EKMAN_OF[label as keyof typeof EKMAN_OF]))
      gold.push(goldEkman(row))
      top.push(new Set([ekmanIndex(reading!.fineLabel)]))
      predicted.push(above.length > 0 ? new Set(above) : new Set([ekmanIndex(reading!.fineLabel)]))
    }
    return {
      'emotion.onnx.model': classifier.id,
      'emotion.onnx.ekman.macroF1': macroF1(gold, predicted, EKMAN_LABELS.length).macro,
      'emotion.onnx.ekman.top1MacroF1': macroF1(gold, top, EKMAN_LABELS.length).macro,
      'emotion.onnx.ekman.accuracy': top.filter((p, i) => [...p].some((c) => gold[i]!.has(c))).length / rows.length,
      'emotion.onnx.p50Ms': percentile(times, 50),
      'emotion.onnx.p95Ms': percentile(times, 95),
      'emotion.onnx.rows': rows.length
    }
  } finally {
    await runtime.dispose()
  }
}
