import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createTestCore } from '../../../tests/helpers/testCore'
import { dispatch } from '../ipc/dispatch'
import { createHandlers } from '../ipc/handlers'

describe('the emotion classifier setting', () => {
  const tempDir = useTempDir()

  it('defaults to the built-in classifier, round-trips through the contract and survives a restart', async () => {
    const dataDir = tempDir()
    const core = await createTestCore(dataDir)
    const handlers = createHandlers(core, 'http')
    expect(await dispatch(handlers, 'settings.get', {})).toMatchObject({
      ok: true,
      value: { emotionClassifier: 'builtin' }
    })
    expect(await dispatch(handlers, 'settings.update', { emotionClassifier: 'chat-model' })).toMatchObject({
      ok: true,
      value: { emotionClassifier: 'chat-model' }
    })
    expect(await dispatch(handlers, 'settings.update', { emotionClassifier: 'telepathy' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    // The ONNX choice needs an ONNX emotion model (models.setEmotionModel) first.
    expect(await dispatch(handlers, 'settings.update', { emotionClassifier: 'onnx' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/ONNX emotion model/) as unknown }
    })
    // Other settings updates leave the choice alone.
    await dispatch(handlers, 'settings.update', { memoryTokenBudget: 900 })
    await core.dispose()

    const reopened = await createTestCore(dataDir)
    expect(reopened.settings.get()).toMatchObject({ emotionClassifier: 'chat-model', memoryTokenBudget: 900 })
    reopened.settings.update({ emotionClassifier: 'builtin' })
    expect(reopened.settings.get().emotionClassifier).toBe('builtin')
    await reopened.dispose()
  })
})
