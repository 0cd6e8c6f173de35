import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FINE_LABELS } from '../src/main/emotion/labels'
import { EMOTIONS } from '../src/shared/domain'
import { collectEvents } from './helpers/collectEvents'
import { rememberUserSaid } from './helpers/rememberUserSaid'
import { writeTinyOnnxModel } from './helpers/onnx/writeTinyOnnxModel'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'
import { useTinyModelCore } from './helpers/useTinyModelCore'

describe('ONNX models the user adds (tiny random-weight models, the code path a real one takes)', () => {
  const useCore = useTinyModelCore()
  const tempDir = useTempDir()

  it('with an ONNX emotion model chosen, tags both messages of a turn with its readings', async () => {
    const core = useCore()
    const dir = writeTinyOnnxModel(join(tempDir(), 'roberta-base-go_emotions'), {
      task: 'text-classification',
      labels: FINE_LABELS
    })
    const result = await core.emotionModel.setModel(dir)
    expect(result.labels).toHaveLength(28)
    expect(core.settings.get()).toMatchObject({ emotionClassifier: 'onnx', emotionModelPath: dir })

    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, 'We won the cup! I am so proud of the team.')
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    await core.background.settle()
    const moods = recorder.events
      .filter((e) => e.event === 'chat.emotion')
      .map((e) => e.payload as { messageId: string; emotion: { label: string; fineLabel: string } })
    // The bundled reading first (the prompt never waits), then the ONNX model's, for each message.
    expect(moods.filter((m) => m.messageId === userMessageId)).toHaveLength(2)
    expect(moods.filter((m) => m.messageId === done.message.id)).toHaveLength(2)
    const [expectedUser] = await core.emotionModel.current!.classify([core.messages.get(userMessageId).content])
    expect(core.messages.get(userMessageId).emotion).toMatchObject({
      fineLabel: expectedUser!.fineLabel,
      label: expectedUser!.label
    })
    expect(EMOTIONS).toContain(core.messages.get(done.message.id).emotion?.label)

    // Back to the bundled classifier; a bad folder changes nothing.
    await expect(core.emotionModel.setModel(join(dir, 'missing'))).rejects.toMatchObject({
      code: 'MODEL_FILE_NOT_FOUND'
    })
    expect(core.settings.get().emotionModelPath).toBe(dir)
    // Switching re-reads nothing old: the messages keep the ONNX model's readings.
    const before = core.messages.get(userMessageId).emotion
    await core.emotionModel.setModel(null)
    expect(core.settings.get()).toMatchObject({ emotionClassifier: 'builtin', emotionModelPath: null })
    await core.background.settle()
    expect(core.messages.get(userMessageId).emotion).toEqual(before)
  })

  it('with an ONNX embedder selected, re-embeds memories and still recalls where the user lives, across a restart', async () => {
    const dataDir = tempDir()
    let core = await createTestCore(dataDir)
    try {
      const owner = await rememberUserSaid(core, [
        'I live in Tokyo.',
        'My favourite food is ramen.',
        'I have a cat named Mochi.'
      ])
      const stored = core.memory.list(owner).length
      const dir = writeTinyOnnxModel(join(tempDir(), 'all-MiniLM-L6-v2'), {
        task: 'feature-extraction',
        dimensions: 32
      })
      const recorder = collectEvents(core.events)
      const switched = await core.switchEmbeddingModel(dir)
      core.settings.update({ embeddingModelPath: dir })
      expect(switched).toMatchObject({ count: stored })
      expect(switched.embedderId).toMatch(/^onnx:all-MiniLM-L6-v2:q8:/)
      const progress = recorder.events.filter((e) => e.event === 'memory.reindexProgress')
      expect((progress.at(-1)?.payload as { progress: number }).progress).toBe(1)

      await core.dispose()
      core = await createTestCore(dataDir)
      expect(core.memoryIndex.embedderId).toBe(switched.embedderId)
      expect(core.memoryNotice).toBeNull()
      // Random weights: the full-text half of the hybrid search carries this recall; the vectors are the model's.
      const recalled = await core.memory.recall({
        ...owner,
        query: 'Where do I live?',
        now: new Date(),
        tokenBudget: 300,
        header: 'M'
      })
      expect(recalled.used.map((m) => m.text)).toContain('User lives in Tokyo')
      const hits = (
        await core.memoryIndex.candidates({ ...owner, query: 'Tokyo ramen Mochi', now: new Date(), depth: 50 })
      ).vectorHits
      expect(hits).toHaveLength(stored)
    } finally {
      await core.dispose()
    }
  })
})
