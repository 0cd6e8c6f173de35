import { describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { createHandlers } from '../src/main/ipc/handlers'
import { collectEvents } from './helpers/collectEvents'
import { useTinyModelCore } from './helpers/useTinyModelCore'

/** Sends a message, waits for its reply and for memory to have stored it. */
async function say(core: Core, chatId: string, text: string): Promise<string> {
  const recorder = collectEvents(core.events)
  const { streamId, userMessageId } = core.chat.send(chatId, text)
  await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
  recorder.stop()
  await core.background.settle()
  return userMessageId
}

async function expectIndexMatchesSqlite(core: Core): Promise<void> {
  const indexed = (await core.memoryIndex.ids()).sort()
  expect(indexed).toEqual(
    core.memoryRepository
      .all()
      .map((m) => m.id)
      .sort()
  )
}

describe('deleting messages and chats deletes what memory learned from them', () => {
  const useCore = useTinyModelCore({ maxTokens: 4 })

  const pinMemories = (core: Core, characterId: string) =>
    core.memory.list({ characterId, userId: core.userId }).filter((m) => m.text.includes('4321'))

  it('a deleted message is no longer recalled anywhere; memories other messages also taught keep those', async () => {
    const core = useCore()
    const api = createHandlers(core, 'http')
    const aiko = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(aiko.id).id
    await say(core, chatId, 'I live in Tokyo.')
    const pinId = await say(core, chatId, 'My PIN is 4321 and I live in Tokyo.')
    expect(pinMemories(core, aiko.id).length).toBeGreaterThan(0)
    const tokyo = core.memory.list({ characterId: aiko.id, userId: core.userId }).find((m) => m.kind !== 'message')
    await api['chat.deleteMessage']({ messageId: pinId })
    expect(pinMemories(core, aiko.id)).toEqual([])
    // Recalled into another chat's prompt: nothing of the deleted message.
    const other = core.chat.create(aiko.id).id
    const questionId = await say(core, other, 'What is my PIN 4321?')
    expect(core.messages.get(questionId).injectedContext).not.toContain('4321')
    // 'Lives in Tokyo' was said in a message that still exists: it stays, citing only that one.
    if (tokyo) {
      const kept = core.memoryRepository.get(tokyo.id)
      expect(kept.sourceMessageIds).not.toContain(pinId)
      expect(kept.sourceMessageIds.length).toBeGreaterThan(0)
    }
    await expectIndexMatchesSqlite(core)
  })

  it('with keepMemories they stay, marked as orphaned; deleting a chat treats every message of it the same', async () => {
    const core = useCore()
    const api = createHandlers(core, 'http')
    const aiko = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(aiko.id).id
    const pinId = await say(core, chatId, 'My PIN is 4321.')
    await api['chat.deleteMessage']({ messageId: pinId, keepMemories: true })
    const kept = pinMemories(core, aiko.id)
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.every((m) => m.isOrphaned && m.sourceMessageIds.length === 0)).toBe(true)

    const second = core.chat.create(aiko.id).id
    await say(core, second, 'My locker code is 9876.')
    await api['chat.delete']({ chatId: second })
    const all = core.memory.list({ characterId: aiko.id, userId: core.userId })
    expect(all.filter((m) => m.text.includes('9876'))).toEqual([])
    expect(all.filter((m) => m.chatId === second)).toEqual([])
    await expectIndexMatchesSqlite(core)
  })

  it('a message deleted before its memory work ran is never remembered', async () => {
    const core = useCore()
    const aiko = core.characters.list(core.userId)[0]!
    const chatId = core.chat.create(aiko.id).id
    const { userMessageId } = core.chat.send(chatId, 'My PIN is 4321.')
    // Deleted while the reply streams: its ingestion is still waiting for the chat to go idle.
    await core.chat.deleteMessage(userMessageId)
    await core.chat.settle()
    await core.background.settle()
    expect(pinMemories(core, aiko.id)).toEqual([])
    await expectIndexMatchesSqlite(core)
  })
})
