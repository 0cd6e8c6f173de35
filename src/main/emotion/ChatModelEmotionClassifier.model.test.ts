import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMOTIONS } from '../../shared/domain'
import { resourcesDir, storiesModel } from '../../../tests/helpers/sharedPaths'
import { LlmRuntime } from '../llm/LlmRuntime'
import { ChatModelEmotionClassifier } from './ChatModelEmotionClassifier'
import { EmotionClassifier } from './EmotionClassifier'
import { FINE_LABELS } from './labels'

// The tiny model only proves the plumbing (grammar, lane, mapping); its labels mean nothing, so only structure is asserted.
describe('ChatModelEmotionClassifier on the shared tiny GGUF', () => {
  const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
  let builtin: EmotionClassifier
  let classifier: ChatModelEmotionClassifier
  beforeAll(async () => {
    builtin = await EmotionClassifier.load(join(resourcesDir, 'emotion'))
    classifier = new ChatModelEmotionClassifier(runtime, builtin)
    await runtime.load({ path: storiesModel })
  })
  afterAll(async () => {
    await runtime.dispose()
  })

  it('returns a label from the set with a confidence in [0, 1], from the chat model', async () => {
    for (const text of ['I am so happy today!', 'Why would you do that to me?', '😭😭😭', 'x'.repeat(20_000)]) {
      const reading = await classifier.classify(text)
      expect(reading.source).toBe('chat-model')
      expect(FINE_LABELS as readonly string[]).toContain(reading.fineLabel)
      expect(EMOTIONS).toContain(reading.label)
      expect(reading.confidence).toBeGreaterThan(0)
      expect(reading.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('does not ask the model about an empty message, and falls back once the model is unloaded', async () => {
    expect(await classifier.classify('  ')).toMatchObject({ label: 'neutral', source: 'builtin' })
    await runtime.unload()
    const text = 'I hate this so much, it makes me furious.'
    const expected = builtin.classify(text)
    expect(await classifier.classify(text)).toEqual({
      label: expected.label,
      confidence: expected.confidence,
      fineLabel: expected.fineLabel,
      source: 'builtin'
    })
    await runtime.load({ path: storiesModel })
  })
})
