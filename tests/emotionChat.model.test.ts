import { describe, expect, it } from 'vitest'
import { EMOTIONS } from '../src/shared/domain'
import { collectEvents } from './helpers/collectEvents'
import { useTinyModelCore } from './helpers/useTinyModelCore'

describe('emotional tone in the chat turn', () => {
  const useCore = useTinyModelCore()

  /** One message to the starter character, waiting for the reply and the background work after it. */
  async function sendOne(text: string) {
    const core = useCore()
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, text)
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    await core.background.settle()
    recorder.stop()
    return { core, character, recorder, userMessageId, done }
  }

  it("puts the user's tone into the prompt in words and sends both moods to the renderer", async () => {
    const { core, character, recorder, userMessageId, done } = await sendOne(
      "I'm so sad, my dog died yesterday and I can't stop crying."
    )
    const userMessage = core.messages.get(userMessageId)
    expect(userMessage.emotion?.label).toBe('sadness')
    expect(userMessage.injectedContext).toContain('User seems sad right now')
    const moods = recorder.events
      .filter((e) => e.event === 'chat.emotion')
      .map((e) => e.payload as { messageId: string; emotion: { label: string } })
    expect(moods.map((m) => m.messageId)).toEqual([userMessageId, done.message.id])
    for (const mood of moods) expect(EMOTIONS).toContain(mood.emotion.label)
    expect(core.messages.get(done.message.id).emotion).not.toBeNull()
    const remembered = core.memory.list({ characterId: character.id, userId: core.userId }, 'current', ['event'])
    expect(remembered.some((m) => m.text.startsWith('User was very sad on'))).toBe(true)
  })

  it('with the chat model chosen, re-reads both messages in the background after the built-in reading', async () => {
    useCore().settings.update({ emotionClassifier: 'chat-model' })
    const { core, recorder, userMessageId, done } = await sendOne('We won the cup! I am so proud of the team.')
    const moods = recorder.events
      .filter((e) => e.event === 'chat.emotion')
      .map((e) => e.payload as { messageId: string; emotion: { label: string; confidence: number; fineLabel: string } })
    // The built-in reading first (the prompt never waits), then the chat model's for each message.
    expect(moods.map((m) => m.messageId).sort()).toEqual(
      [userMessageId, userMessageId, done.message.id, done.message.id].sort()
    )
    expect(moods[0]!.messageId).toBe(userMessageId)
    for (const mood of moods) {
      expect(EMOTIONS).toContain(mood.emotion.label)
      expect(mood.emotion.confidence).toBeGreaterThanOrEqual(0)
      expect(mood.emotion.confidence).toBeLessThanOrEqual(1)
    }
    const lastForUser = moods.filter((m) => m.messageId === userMessageId).at(-1)!
    expect(core.messages.get(userMessageId).emotion).toEqual(lastForUser.emotion)
  })
})
