import { describe, expect, it } from 'vitest'
import { blankCharacterDraft } from '../src/shared/domain'
import { collectEvents } from './helpers/collectEvents'
import { useTinyModelCore } from './helpers/useTinyModelCore'
import { riverTalk, takingTurns } from './helpers/takingTurns'

describe('group chats and memory, on the tiny GGUF', () => {
  const core = useTinyModelCore({ maxTokens: 4 })

  const add = (name: string): string => core().characters.insert(core().userId, { ...blankCharacterDraft(), name }).id

  async function say(chatId: string, text: string): Promise<{ userMessageId: string; speaker: string | null }> {
    const recorder = collectEvents(core().events)
    const sent = core().chat.send(chatId, text)
    if (sent.characterId) await recorder.waitFor('chat.done', (p) => p.streamId === sent.streamId)
    recorder.stop()
    await core().chat.settle()
    await core().background.settle()
    return { userMessageId: sent.userMessageId, speaker: sent.characterId }
  }

  it('what the user says in a group becomes every member’s memory, marked with the group, recalled one-to-one', async () => {
    const [aiko, bram] = [add('Aiko'), add('Bram')]
    const group = core().groups.create({ name: 'Club', characterIds: [aiko, bram] })
    const chatId = core().chat.createInGroup(group.id).id
    const { userMessageId } = await say(chatId, 'I live in Tokyo.')
    for (const characterId of [aiko, bram]) {
      const owner = { characterId, userId: core().userId }
      const fromGroup = (await core().memory.browse(owner, 'current')).filter((m) =>
        m.sourceMessageIds.includes(userMessageId)
      )
      expect(fromGroup.length).toBeGreaterThan(0)
      for (const memory of fromGroup) expect(memory).toMatchObject({ chatId, groupId: group.id })
      // In the member's own chat, the fact comes back for the question.
      const own = core().chat.create(characterId).id
      const { userMessageId: question } = await say(own, 'Where do I live?')
      expect(core().messages.get(question).injectedContext).toContain('Tokyo')
    }
  }, 120_000)

  it("recall for a speaker uses its own memories only: one member's private memory never reaches another's prompt", async () => {
    const [aiko, bram] = [add('Aiko'), add('Bram')]
    // Aiko alone hears the secret, in her own chat.
    await say(core().chat.create(aiko).id, 'My secret word is swordfish.')
    const group = core().groups.create({ name: 'Club', characterIds: [aiko, bram] })
    const chatId = core().chat.createInGroup(group.id).id
    await say(chatId, 'Bram, what is my secret word?')
    await say(chatId, 'Aiko, what is my secret word?')
    const replies = core()
      .messages.list(chatId)
      .filter((m) => m.role === 'assistant')
    const bramsReply = replies.find((m) => m.characterId === bram)!
    const aikosReply = replies.find((m) => m.characterId === aiko)!
    expect(aikosReply.injectedContext).toContain('swordfish')
    expect(bramsReply.injectedContext).not.toContain('swordfish')
    // What was recalled for one member is never kept where every member's prompt shows it (the user's messages).
    const userTurns = core()
      .messages.list(chatId)
      .filter((m) => m.role === 'user')
    for (const turn of userTurns) expect(turn.injectedContext).not.toContain('swordfish')
  }, 120_000)

  it("each reply's mood is read for its speaker; the user's tone is read once per message", async () => {
    const [aiko, bram] = [add('Aiko'), add('Bram')]
    const group = core().groups.create({ name: 'Club', characterIds: [aiko, bram], isAutoMode: true })
    const chatId = core().chat.createInGroup(group.id).id
    const recorder = collectEvents(core().events)
    const { userMessageId } = await say(chatId, 'I am so happy today, this is wonderful!')
    const replies = core()
      .messages.list(chatId)
      .filter((m) => m.role === 'assistant')
    expect(replies.length).toBeGreaterThan(1)
    for (const reply of replies) expect(reply.emotion).not.toBeNull()
    const readings = recorder.events.filter((e) => e.event === 'chat.emotion').map((e) => e.payload)
    expect(readings.filter((p) => (p as { messageId: string }).messageId === userMessageId)).toHaveLength(1)
    for (const reply of replies)
      expect(readings.filter((p) => (p as { messageId: string }).messageId === reply.id)).toHaveLength(1)
  }, 120_000)

  it('history cut from a group chat is summarised into every member’s own memories', async () => {
    const [aiko, bram, chiyo] = [add('Aiko'), add('Bram'), add('Chiyo')]
    const group = core().groups.create({ name: 'Club', characterIds: [aiko, bram, chiyo] })
    const chatId = core().chat.createInGroup(group.id).id
    core().messages.insertMany(chatId, takingTurns(600, riverTalk))
    await say(chatId, 'What did we talk about?')
    const summaries = [aiko, bram, chiyo].map((characterId) =>
      core()
        .memory.list({ characterId, userId: core().userId }, 'all')
        .filter((m) => m.kind === 'summary')
    )
    for (const own of summaries) {
      expect(own).toHaveLength(1)
      expect(own[0]).toMatchObject({ chatId, groupId: group.id })
    }
    // One summary text, each member's own copy (a member's recall searches only its own memories).
    expect(new Set(summaries.map((own) => own[0]!.text)).size).toBe(1)
    expect(new Set(summaries.map((own) => own[0]!.id)).size).toBe(3)
  }, 120_000)
})
