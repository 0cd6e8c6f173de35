import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../src/shared/errors'
import { createHandlers } from '../src/main/ipc/handlers'
import { collectEvents } from './helpers/collectEvents'
import { useTinyModelCore } from './helpers/useTinyModelCore'

/** Errors nobody caught: in the desktop app each one takes the whole app down. */
function useUncaught(): () => unknown[] {
  const seen: unknown[] = []
  const record = (error: unknown): void => void seen.push(error)
  beforeEach(() => {
    seen.length = 0
    process.on('uncaughtException', record)
    process.on('unhandledRejection', record)
  })
  afterEach(() => {
    process.off('uncaughtException', record)
    process.off('unhandledRejection', record)
  })
  return () => seen
}

async function codeOf(job: () => unknown): Promise<string | null> {
  try {
    await job()
    return null
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`
  }
}

describe('chat races: what the user does while a reply streams', () => {
  const useCore = useTinyModelCore({ maxTokens: 150 })
  const uncaught = useUncaught()

  const start = (): { chatId: string; characterId: string } => {
    const core = useCore()
    const character = core.characters.list(core.userId)[0]!
    return { chatId: core.chat.create(character.id).id, characterId: character.id }
  }

  /** Sends and waits until the reply has streamed a first batch (so it is mid-stream, saved as it goes). */
  const sendAndWaitForTokens = async (chatId: string): Promise<{ streamId: string; replyId: string }> => {
    const core = useCore()
    const recorder = collectEvents(core.events)
    const { streamId } = core.chat.send(chatId, 'Tell me a long story about the sea.')
    await recorder.waitFor('chat.token', (p) => p.streamId === streamId)
    recorder.stop()
    const reply = core.messages.list(chatId).find((m) => m.status === 'streaming')!
    return { streamId, replyId: reply.id }
  }

  const settle = async (): Promise<void> => {
    const core = useCore()
    await core.chat.settle()
    await core.background.settle()
    // A batched save timer of a killed stream would fire about 30 ms later.
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  it('deleting the message being written stops its stream cleanly (CANCELLED), nothing thrown', async () => {
    const core = useCore()
    const api = createHandlers(core, 'http')
    const { chatId } = start()
    const recorder = collectEvents(core.events)
    const { streamId, replyId } = await sendAndWaitForTokens(chatId)
    await api['chat.deleteMessage']({ messageId: replyId })
    const end = await recorder.waitFor('chat.error', (p) => p.streamId === streamId)
    expect(end.error.code).toBe('CANCELLED')
    await settle()
    expect(uncaught()).toEqual([])
    expect(core.messages.list(chatId).map((m) => m.id)).not.toContain(replyId)
    expect(core.chat.isStreaming(streamId)).toBe(false)
  })

  it('deleting the chat of a streaming reply (mid-stream or before its reply exists) throws nothing', async () => {
    const core = useCore()
    const api = createHandlers(core, 'http')
    const first = start()
    await sendAndWaitForTokens(first.chatId)
    await api['chat.delete']({ chatId: first.chatId })
    const second = start()
    // Deleted while the turn is still recalling memories, before its reply row is written.
    const { streamId } = core.chat.send(second.chatId, 'Hello!')
    await api['chat.delete']({ chatId: second.chatId })
    await settle()
    expect(uncaught()).toEqual([])
    expect(core.chat.isStreaming(streamId)).toBe(false)
    expect(await codeOf(() => core.messages.list(first.chatId).length)).toBeNull()
    expect(core.messages.list(first.chatId)).toEqual([])
  })

  it('deleting the character of a streaming reply throws nothing', async () => {
    const core = useCore()
    const api = createHandlers(core, 'http')
    const other = core.characters.insert(core.userId, { ...core.characters.list(core.userId)[0]!, name: 'Other' })
    const chatId = core.chat.create(other.id).id
    const { streamId } = await sendAndWaitForTokens(chatId)
    await api['characters.delete']({ id: other.id })
    await settle()
    expect(uncaught()).toEqual([])
    expect(core.chat.isStreaming(streamId)).toBe(false)
  })

  it('a second send in a chat whose reply is still streaming is refused with BUSY; the order stays user, reply', async () => {
    const core = useCore()
    const { chatId } = start()
    const first = core.chat.send(chatId, 'First message.')
    expect(await codeOf(() => core.chat.send(chatId, 'Second message.'))).toBe('BUSY')
    expect(await codeOf(() => core.chat.regenerate(chatId))).toBe('BUSY')
    expect(await codeOf(() => core.chat.continueReply(chatId))).toBe('BUSY')
    const recorder = collectEvents(core.events)
    await recorder.waitFor('chat.token', (p) => p.streamId === first.streamId)
    core.chat.cancel(first.streamId)
    await settle()
    expect(core.messages.list(chatId).map((m) => m.role)).toEqual(['assistant', 'user', 'assistant'])
    // Once it ended the chat takes the next message.
    const next = core.chat.send(chatId, 'Second message.')
    await recorder.waitFor('chat.token', (p) => p.streamId === next.streamId)
    recorder.stop()
    core.chat.cancel(next.streamId)
    await settle()
    expect(core.messages.list(chatId).map((m) => m.role)).toEqual([
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant'
    ])
  })

  it('regenerate then swipe back to version 0 while the new version streams: each version keeps its own text', async () => {
    const core = useCore()
    const { chatId } = start()
    const recorder = collectEvents(core.events)
    const sent = core.chat.send(chatId, 'Hello there.')
    await recorder.waitFor('chat.done', (p) => p.streamId === sent.streamId)
    const original = core.messages.list(chatId).at(-1)!
    const { streamId, messageId } = core.chat.regenerate(chatId)
    expect(messageId).toBe(original.id)
    // Swiping right away (before the stream has even started) and once it streams.
    const early = await codeOf(() => core.chat.swipe(messageId, 0))
    await recorder.waitFor('chat.token', (p) => p.streamId === streamId)
    const late = await codeOf(() => core.chat.swipe(messageId, 0))
    const edit = await codeOf(() => core.chat.edit(messageId, 'edited while streaming'))
    core.chat.cancel(streamId)
    await settle()
    recorder.stop()
    const after = core.messages.get(messageId)
    expect(after.swipes[0]).toBe(original.content)
    expect(after.swipes).toHaveLength(2)
    // Swiping or editing a version still being written is refused rather than mixing two texts.
    expect([early, late, edit]).toEqual(['BUSY', 'BUSY', 'BUSY'])
    expect(core.chat.swipe(messageId, 0).content).toBe(original.content)
    expect(uncaught()).toEqual([])
  })
})
