import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EMOTIONS } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { Model2VecEmbedder } from '../llm/embed/Model2VecEmbedder'
import { resourcesDir } from '../../../tests/helpers/sharedPaths'
import { EmotionClassifier } from './EmotionClassifier'
import { FINE_LABELS } from './labels'

describe('EmotionClassifier (bundled weights)', () => {
  let classifier: EmotionClassifier
  beforeAll(async () => {
    const embedder = await Model2VecEmbedder.load(join(resourcesDir, 'embeddings', 'potion-base-2M'))
    classifier = await EmotionClassifier.load(join(resourcesDir, 'emotion'), (t) => embedder.embedOne(t))
  })

  it('returns a label from the set with a confidence for any text, neutral for empty', () => {
    const inputs = ['Had a normal day at work.', '', '   ', '😭😭😭', '🎉🥳', 'a'.repeat(100_000), 'Je suis très content aujourd’hui', 'мне грустно', '今日はとても嬉しい', 'שלום']
    for (const text of inputs) {
      const result = classifier.classify(text)
      expect(EMOTIONS).toContain(result.label)
      expect(FINE_LABELS as readonly string[]).toContain(result.fineLabel)
      expect(result.confidence).toBeGreaterThanOrEqual(0)
      expect(result.confidence).toBeLessThanOrEqual(1)
    }
    expect(classifier.classify('').label).toBe('neutral')
  })

  it('gets unambiguous messages right', () => {
    expect(classifier.classify("I'm so sad, my dog died yesterday and I can't stop crying").label).toBe('sadness')
    expect(classifier.classify('This is the best day ever, I am so happy!').label).toBe('joy')
    expect(classifier.classify('I am furious, this is infuriating and I hate it!').label).toBe('anger')
    expect(classifier.classify("I'm terrified, I am so scared of what will happen").label).toBe('fear')
    expect(classifier.classify('I love you so much ❤️').label).toBe('love')
    expect(classifier.classify('😭😭').label).toBe('sadness')
  })

  it('refuses a damaged weights file with a typed error', () => {
    expect(() => EmotionClassifier.fromBytes(new Uint8Array([1, 2, 3]), () => new Float32Array(64))).toThrow(AppError)
    const truncated = new Uint8Array(64)
    truncated.set(new TextEncoder().encode('EMO1'))
    new DataView(truncated.buffer).setUint32(4, 10, true)
    truncated.set(new TextEncoder().encode('{"buckets"'), 8)
    expect(() => EmotionClassifier.fromBytes(truncated, () => new Float32Array(64))).toThrow(/damaged/)
  })
})
