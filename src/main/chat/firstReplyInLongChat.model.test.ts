import { describe, expect, it, vi } from 'vitest'
import { collectEvents } from '../../../tests/helpers/collectEvents'
import { useTinyModelCore } from '../../../tests/helpers/useTinyModelCore'
import { riverTalk, takingTurns } from '../../../tests/helpers/takingTurns'

const SIZE = 3000

describe('the first reply in a long chat', () => {
  const core = useTinyModelCore({ maxTokens: 8 })

  it('streams before any work on the cut history runs, and reads only the part of the chat a prompt can hold', async () => {
    const c = core()
    const character = c.characters.list(c.userId)[0]!
    const chatId = c.chat.create(character.id).id
    c.messages.insertMany(chatId, takingTurns(SIZE, riverTalk))
    const order: string[] = []
    const countTokens = vi.spyOn(c.runtime, 'countTokens')
    // Observed, not replaced: the first thing the cut history's background work does is look up its summary.
    const lookUp = c.memoryRepository.bySourceMessage.bind(c.memoryRepository)
    vi.spyOn(c.memoryRepository, 'bySourceMessage').mockImplementation((id) => {
      order.push('cut history work')
      return lookUp(id)
    })
    const summarize = c.runtime.generateJson.bind(c.runtime)
    vi.spyOn(c.runtime, 'generateJson').mockImplementation((request) => {
      order.push('background model call')
      return summarize(request)
    })
    const recorder = collectEvents(c.events)
    const stopOrdering = c.events.subscribe((event) => {
      if (event === 'chat.token' && !order.includes('first token')) order.push('first token')
    })

    const { streamId } = c.chat.send(chatId, 'What did we talk about?')
    await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    await c.background.settle()
    stopOrdering()

    expect(order[0]).toBe('first token')
    expect(order).toContain('cut history work')
    const summaries = c.memory.list({ characterId: character.id, userId: c.userId }, 'all')
    expect(summaries.some((m) => m.kind === 'summary')).toBe(true)
    // Tokenising the whole chat is what made this reply slow: only the prompt's share (and a page more) is counted.
    expect(countTokens.mock.calls.length).toBeLessThan(SIZE / 3)
  })
})
