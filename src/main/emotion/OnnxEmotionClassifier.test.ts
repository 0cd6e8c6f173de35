import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EMOTIONS } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { writeTinyOnnxModel } from '../../../tests/helpers/onnx/writeTinyOnnxModel'
import { useOnnxRuntime } from '../../../tests/helpers/onnx/useOnnxRuntime'
import { EKMAN_LABELS, FINE_LABELS } from './labels'
import { OnnxEmotionClassifier } from './OnnxEmotionClassifier'

const texts = ['I am so happy for you!', 'This is awful and I hate it.', 'The bus leaves at nine.']

describe('OnnxEmotionClassifier (tiny random-weight ONNX models in the Hugging Face layout)', () => {
  const tempDir = useTempDir()
  const onnx = useOnnxRuntime()

  it("reads a 28-label GoEmotions model's labels from config.json and answers with the app's emotions", async () => {
    const dir = writeTinyOnnxModel(join(tempDir(), 'roberta-base-go_emotions'), {
      task: 'text-classification',
      labels: FINE_LABELS
    })
    const classifier = await OnnxEmotionClassifier.load(onnx(), dir)
    expect(classifier.labels.size).toBe(28)
    expect(classifier.id).toMatch(/^onnx:roberta-base-go_emotions:q8$/)
    const readings = await classifier.classify(texts)
    expect(readings).toHaveLength(3)
    for (const reading of readings) {
      expect(FINE_LABELS).toContain(reading.fineLabel)
      expect(EMOTIONS).toContain(reading.label)
      expect(reading.confidence).toBeGreaterThan(0)
      expect(reading.confidence).toBeLessThanOrEqual(1)
      expect(Object.keys(reading.scores)).toHaveLength(28)
      // The reading is the best-scoring label.
      expect(reading.confidence).toBe(Math.max(...Object.values(reading.scores)))
    }
    // A random model still reads the same text the same way, alone or in a batch.
    const [again] = await classifier.classify([texts[1]!])
    expect(again!.fineLabel).toBe(readings[1]!.fineLabel)
    expect(again!.confidence).toBeCloseTo(readings[1]!.confidence, 5)
    await classifier.dispose()
  })

  it('maps an Ekman model with its own label spellings', async () => {
    const labels = ['Anger', 'disgust', 'FEAR', 'happiness', 'sad', 'surprise', 'neutral']
    const dir = writeTinyOnnxModel(join(tempDir(), 'ekman-distilbert'), { task: 'text-classification', labels })
    const classifier = await OnnxEmotionClassifier.load(onnx(), dir, 'fp32')
    expect([...classifier.labels.values()]).toEqual([
      ...EKMAN_LABELS.slice(0, 3),
      'joy',
      'sadness',
      'surprise',
      'neutral'
    ])
    expect(classifier.id).toMatch(/:fp32$/)
    const [reading] = await classifier.classify(['Wow!'])
    expect(EKMAN_LABELS).toContain(reading!.fineLabel)
    await classifier.dispose()
  })

  it('refuses a model whose labels are not emotions, naming them', async () => {
    const dir = writeTinyOnnxModel(join(tempDir(), 'sentiment'), {
      task: 'text-classification',
      labels: ['positive', 'negative', 'joy']
    })
    const error = await OnnxEmotionClassifier.load(onnx(), dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('MODEL_UNSUPPORTED')
    expect((error as AppError).message).toContain('positive, negative')
    expect((error as AppError).message).not.toContain('joy')
  })

  it('gives typed errors for a missing folder, missing weights, a corrupt .onnx and a broken config', async () => {
    const codeOf = (dir: string) =>
      OnnxEmotionClassifier.load(onnx(), dir).then(
        () => 'loaded',
        (e: unknown) => (e instanceof AppError ? e.code : `untyped: ${String(e)}`)
      )
    const root = tempDir()
    expect(await codeOf(join(root, 'nothing-here'))).toBe('MODEL_FILE_NOT_FOUND')

    const noWeights = writeTinyOnnxModel(join(root, 'no-weights'), { task: 'text-classification', labels: FINE_LABELS })
    rmSync(join(noWeights, 'onnx'), { recursive: true })
    expect(await codeOf(noWeights)).toBe('MODEL_FILE_INVALID')

    const corrupt = writeTinyOnnxModel(join(root, 'corrupt'), { task: 'text-classification', labels: FINE_LABELS })
    writeFileSync(join(corrupt, 'onnx', 'model_quantized.onnx'), Buffer.alloc(4096, 0x5a))
    expect(await codeOf(corrupt)).toBe('MODEL_FILE_INVALID')

    const badConfig = writeTinyOnnxModel(join(root, 'bad-config'), { task: 'text-classification', labels: FINE_LABELS })
    writeFileSync(join(badConfig, 'config.json'), '{"model_type": ')
    expect(await codeOf(badConfig)).toBe('MODEL_FILE_INVALID')

    const noTokenizer = writeTinyOnnxModel(join(root, 'no-tokenizer'), {
      task: 'text-classification',
      labels: FINE_LABELS
    })
    rmSync(join(noTokenizer, 'tokenizer.json'))
    expect(await codeOf(noTokenizer)).toBe('MODEL_FILE_INVALID')

    mkdirSync(join(root, 'empty'))
    expect(await codeOf(join(root, 'empty'))).toBe('MODEL_FILE_INVALID')

    // After all that, a good model still loads in the same worker.
    const good = writeTinyOnnxModel(join(root, 'good'), { task: 'text-classification', labels: FINE_LABELS })
    expect(await codeOf(good)).toBe('loaded')
  })

  it('drops a cancelled request with CANCELLED', async () => {
    const dir = writeTinyOnnxModel(join(tempDir(), 'go'), { task: 'text-classification', labels: FINE_LABELS })
    const classifier = await OnnxEmotionClassifier.load(onnx(), dir)
    const controller = new AbortController()
    const pending = classifier.classify(texts, controller.signal)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(await classifier.classify(['still works'])).toHaveLength(1)
  })
})
