import { describe, expect, it } from 'vitest'
import { collectEvents } from './helpers/collectEvents'
import { useTinyModelCore } from './helpers/useTinyModelCore'

describe('memory for a fast typist (the chat is never idle between messages)', () => {
  const useCore = useTinyModelCore({ maxTokens: 4 })

  it('recalls what the previous message said when the next one is sent the instant the reply ends', async () => {
    const core = useCore()
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    const recorder = collectEvents(core.events)
    const first = core.chat.send(chatId, 'I live in Tokyo.')
    // Sent from inside the done event: the deferred ingest of the first message has not had a chance to run.
    const second = new Promise<{ streamId: string; userMessageId: string }>((resolve) => {
      const off = core.events.subscribe((event, payload) => {
        if (event === 'chat.done' && (payload as { streamId: string }).streamId === first.streamId) {
          off()
          resolve(core.chat.send(chatId, 'Where do I live?'))
        }
      })
    })
    const { streamId, userMessageId } = await second
    await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    recorder.stop()
    await core.background.settle()
    const tokyo = core.memory
      .list({ characterId: character.id, userId: core.userId }, 'current')
      .find((m) => m.text === 'User lives in Tokyo')
    expect(tokyo).toBeDefined()
    const question = core.messages.get(userMessageId)
    expect(question.memoryIds).toContain(tokyo!.id)
    expect(question.injectedContext).toContain('lives in Tokyo')
    // Each message is stored exactly once, however its ingest was started.
    expect(core.memory.list({ characterId: character.id, userId: core.userId }, 'all', ['message'])).toHaveLength(2)
  })
})
