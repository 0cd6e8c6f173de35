/**
 * Suite `emotion`: GoEmotions scores of the bundled classifier (Ekman 6 + neutral and all 28 labels) and latency, then
 * the chat-model classifier (the `--model` GGUF) on the first rows, for the setting's trade-off, and an ONNX emotion
 * model given with `--emotion-model DIR` on every row.
 */
import { join } from 'node:path'
import { EmotionClassifier } from '../../src/main/emotion/EmotionClassifier'
import { EKMAN_LABELS, FINE_LABELS } from '../../src/main/emotion/labels'
import { ekmanIndex, goldEkman as goldEkmanOf } from '../goemotions/ekman'
import { loadGoEmotions } from '../goemotions/loadGoEmotions'
import { macroF1 } from '../goemotions/macroF1'
import { scoreChatModelClassifier } from '../goemotions/scoreChatModelClassifier'
import { scoreOnnxClassifier } from '../goemotions/scoreOnnxClassifier'
import { percentile } from '../stats'
import type { BenchSuite } from '../types'

export const emotionSuite: BenchSuite = {
  name: 'emotion',
  async run(args) {
    const classifier = await EmotionClassifier.load(join(process.cwd(), 'resources', 'emotion'))
    const rows = await loadGoEmotions(args.goemotions)
    const goldEkman: Set<number>[] = []
    const predictedEkman: Set<number>[] = []
    const goldFine: Set<number>[] = []
    const predictedFine: Set<number>[] = []
    const times: number[] = []
    let correctTop = 0
    for (const row of rows) {
      const started = performance.now()
      const result = classifier.classify(row.text)
      times.push(performance.now() - started)
      const gold = goldEkmanOf(row)
      const predicted = new Set(
        result.ekman.map((label) => EKMAN_LABELS.indexOf(label as (typeof EKMAN_LABELS)[number]))
      )
      goldEkman.push(gold)
      predictedEkman.push(predicted)
      goldFine.push(new Set(row.labels))
      predictedFine.push(
        new Set(result.fine.map((label) => FINE_LABELS.indexOf(label as (typeof FINE_LABELS)[number])))
      )
      const top = ekmanIndex(result.fineLabel)
      if (gold.has(top)) correctTop++
    }
    return {
      'emotion.ekman.macroF1': macroF1(goldEkman, predictedEkman, EKMAN_LABELS.length).macro,
      'emotion.ekman.accuracy': correctTop / rows.length,
      'emotion.all.macroF1': macroF1(goldFine, predictedFine, FINE_LABELS.length).macro,
      'emotion.p50Ms': percentile(times, 50),
      'emotion.p95Ms': percentile(times, 95),
      'emotion.rows': rows.length,
      ...(await scoreChatModelClassifier(args.model, rows.slice(0, args.isQuick ? 20 : 100), classifier)),
      ...(args.emotionModel
        ? await scoreOnnxClassifier(args.emotionModel, args.isQuick ? rows.slice(0, 200) : rows)
        : {})
    }
  }
}
