import { describe, expect, it } from 'vitest'
import type { JsonGenerationRequest } from '../src/main/llm/types'
import { AppError } from '../src/shared/errors'
import { useTinyModelCore } from './helpers/useTinyModelCore'

interface ExtractionCall {
  prompt: string
  /** 'pending', 'ok', or the error code it failed with. */
  outcome: string
}

describe('model fact extraction pre-empted by a reply (issue 13, finding 8)', () => {
  const useCore = useTinyModelCore({ maxTokens: 8 })

  it('runs again after giving way, so the first message is not dropped from extraction', async () => {
    const core = useCore()
    core.settings.update({ isModelMemoryExtractionOn: true })
    const character = core.characters.list(core.userId)[0]!
    const chat = core.chat.create(character.id)
    const calls: ExtractionCall[] = []
    let secondSend: { streamId: string } | null = null
    // Observes the real runtime (every call still goes through): the user sends the next message while the first
    // message's extraction is generating, exactly when a real user would interrupt it.
    const generateJson = core.runtime.generateJson.bind(core.runtime)
    core.runtime.generateJson = (request: JsonGenerationRequest): Promise<unknown> => {
      const call: ExtractionCall = { prompt: request.prompt, outcome: 'pending' }
      calls.push(call)
      let chunks = 0
      const onTextChunk = (text: string): void => {
        request.onTextChunk?.(text)
        if (++chunks === 2 && !secondSend) secondSend = core.chat.send(chat.id, 'And what about the weather?')
      }
      const result = generateJson({ ...request, onTextChunk })
      result.then(
        () => (call.outcome = 'ok'),
        (error: unknown) => (call.outcome = error instanceof AppError ? error.code : String(error))
      )
      return result
    }

    core.chat.send(chat.id, 'I live in Tokyo and I bake bread for a living.')
    await core.chat.settle()
    await core.background.settle()
    await core.chat.settle()
    await core.background.settle()

    expect(secondSend, 'the second message was sent while the first extraction generated').not.toBeNull()
    const first = calls.filter((c) => c.prompt.includes('I live in Tokyo'))
    expect(first[0]?.outcome, 'the first extraction gave way to the reply').toBe('BUSY')
    expect(
      first.slice(1).some((c) => c.outcome === 'ok'),
      JSON.stringify(first)
    ).toBe(true)
    const left = core.db.prepare('SELECT COUNT(*) AS n FROM memory_jobs').get() as { n: number }
    expect(left.n).toBe(0)
  })
})
