import { ChatModelEmotionClassifier } from '../../src/main/emotion/ChatModelEmotionClassifier'
import type { EmotionClassifier } from '../../src/main/emotion/EmotionClassifier'
import { EKMAN_LABELS } from '../../src/main/emotion/labels'
import { LlmRuntime } from '../../src/main/llm/LlmRuntime'
import { physicalCoreCount } from '../../src/main/llm/physicalCoreCount'
import type { BenchResult } from '../types'
import { percentile } from '../stats'
import { ekmanIndex, goldEkman } from './ekman'
import type { GoEmotionsRow } from './loadGoEmotions'
import { macroF1 } from './macroF1'

/**
 * The 'chat-model' setting measured on the first rows of the split (a GGUF answers in seconds, not milliseconds), with
 * the built-in classifier scored on the same rows, so the two can be compared. Both are scored on their top label.
 */
export async function scoreChatModelClassifier(
  modelPath: string,
  rows: readonly GoEmotionsRow[],
  builtin: EmotionClassifier
): Promise<BenchResult> {
  const runtime = new LlmRuntime({ threads: physicalCoreCount(), gpu: 'auto', maxContextSize: 4096 })
  try {
    await runtime.load({ path: modelPath })
    const classifier = new ChatModelEmotionClassifier(runtime, builtin)
    const gold: Set<number>[] = []
    const predicted: Set<number>[] = []
    const builtinPredicted: Set<number>[] = []
    const times: number[] = []
    let fallbacks = 0
    for (const row of rows) {
      const started = performance.now()
      const reading = await classifier.classify(row.text)
      times.push(performance.now() - started)
      if (reading.source !== 'chat-model') fallbacks++
      gold.push(goldEkman(row))
      predicted.push(new Set([ekmanIndex(reading.fineLabel)]))
      builtinPredicted.push(new Set([ekmanIndex(builtin.classify(row.text).fineLabel)]))
    }
    const accuracy = (predictions: Set<number>[]): number =>
      predictions.filter((p, i) => [...p].some((c) => gold[i]!.has(c))).length / rows.length
    return {
      'emotion.chatModel.ekman.top1MacroF1': macroF1(gold, predicted, EKMAN_LABELS.length).macro,
      'emotion.chatModel.ekman.accuracy': accuracy(predicted),
      'emotion.chatModel.builtinSameRows.top1MacroF1': macroF1(gold, builtinPredicted, EKMAN_LABELS.length).macro,
      'emotion.chatModel.builtinSameRows.accuracy': accuracy(builtinPredicted),
      'emotion.chatModel.p50Ms': percentile(times, 50),
      'emotion.chatModel.p95Ms': percentile(times, 95),
      'emotion.chatModel.fallbacks': fallbacks,
      'emotion.chatModel.rows': rows.length
    }
  } finally {
    await runtime.dispose()
  }
}
