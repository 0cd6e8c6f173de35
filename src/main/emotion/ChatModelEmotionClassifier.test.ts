import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import { LlmRuntime } from '../llm/LlmRuntime'
import { ChatModelEmotionClassifier } from './ChatModelEmotionClassifier'
import { EmotionClassifier } from './EmotionClassifier'

describe('ChatModelEmotionClassifier without a loaded model', () => {
  let builtin: EmotionClassifier
  beforeAll(async () => {
    builtin = await EmotionClassifier.load(join(resourcesDir, 'emotion'))
  })

  it('falls back to the built-in reading instead of losing it', async () => {
    const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
    const classifier = new ChatModelEmotionClassifier(runtime, builtin)
    for (const text of ["I'm so sad, my dog died yesterday.", 'This is the best day ever, I love it!', '']) {
      const reading = await classifier.classify(text)
      const expected = builtin.classify(text)
      expect(reading).toEqual({
        label: expected.label,
        confidence: expected.confidence,
        fineLabel: expected.fineLabel,
        source: 'builtin'
      })
    }
    await runtime.dispose()
  })
})
