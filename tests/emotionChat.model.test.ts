import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { EMOTIONS } from '../src/shared/domain'
import { collectEvents } from './helpers/collectEvents'
import { tinyLlamaModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { createTestCore } from './helpers/testCore'

describe('emotional tone in the chat turn', () => {
  const tempDir = useTempDir()
  let core: Core
  beforeEach(async () => {
    core = await createTestCore(tempDir())
    core.settings.update({ sampling: { temperature: 0, seed: 1, maxTokens: 8 }, isModelMemoryExtractionOn: false })
    await core.runtime.load({ path: tinyLlamaModel })
  })
  afterEach(async () => {
    await core.dispose()
  })

  it("puts the user's tone into the prompt in words and sends both moods to the renderer", async () => {
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, "I'm so sad, my dog died yesterday and I can't stop crying.")
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    await core.background.settle()
    const userMessage = core.messages.get(userMessageId)
    expect(userMessage.emotion?.label).toBe('sadness')
    expect(userMessage.injectedContext).toContain('User seems sad right now')
    const moods = recorder.events.filter((e) => e.event === 'chat.emotion').map((e) => e.payload as { messageId: string; emotion: { label: string } })
    expect(moods.map((m) => m.messageId)).toEqual([userMessageId, done.message.id])
    for (const mood of moods) expect(EMOTIONS).toContain(mood.emotion.label)
    expect(core.messages.get(done.message.id).emotion).not.toBeNull()
    const remembered = core.memory.list({ characterId: character.id, userId: core.userId }, 'current', ['event'])
    expect(remembered.some((m) => m.text.startsWith('User was very sad on'))).toBe(true)
  })

  it('with the chat model chosen, re-reads both messages in the background after the built-in reading', async () => {
    core.settings.update({ emotionClassifier: 'chat-model' })
    const character = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(character.id).id
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, 'We won the cup! I am so proud of the team.')
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    await core.background.settle()
    const moods = recorder.events.filter((e) => e.event === 'chat.emotion').map((e) => e.payload as { messageId: string; emotion: { label: string; confidence: number; fineLabel: string } })
    // The built-in reading first (the prompt never waits), then the chat model's for each message.
    expect(moods.map((m) => m.messageId).sort()).toEqual([userMessageId, userMessageId, done.message.id, done.message.id].sort())
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
