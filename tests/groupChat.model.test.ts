import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import type { Group } from '../src/shared/domain/groups'
import type { Message } from '../src/shared/domain'
import { blankCharacterDraft } from '../src/shared/domain'
import { collectEvents } from './helpers/collectEvents'
import { writeLoraAdapter } from './helpers/gguf/writeLoraAdapter'
import { tinyLlamaModel } from './helpers/sharedPaths'
import { useTempDir } from './helpers/tempDir'
import { useTinyModelCore } from './helpers/useTinyModelCore'

describe('group chats on the tiny GGUF: who speaks, auto mode, per-reply actions', () => {
  const core = useTinyModelCore({ maxTokens: 6 })
  const tempDir = useTempDir()

  function trio(patch: Partial<Parameters<Core['groups']['create']>[0]> = {}): {
    group: Group
    ids: { aiko: string; bram: string; chiyo: string }
    chatId: string
  } {
    const add = (name: string): string =>
      core().characters.insert(core().userId, { ...blankCharacterDraft(), name, firstMessage: `Hi, I am ${name}.` }).id
    const ids = { aiko: add('Aiko'), bram: add('Bram'), chiyo: add('Chiyo') }
    const group = core().groups.create({ name: 'Club', characterIds: [ids.aiko, ids.bram, ids.chiyo], ...patch })
    return { group, ids, chatId: core().chat.createInGroup(group.id).id }
  }

  /** Sends and waits for the chain of replies it starts to end (no new reply within a moment of the last). */
  async function sendAndSettle(chatId: string, text: string): Promise<{ speaker: string | null; replies: Message[] }> {
    const recorder = collectEvents(core().events)
    const sent = core().chat.send(chatId, text)
    if (sent.characterId !== null) await recorder.waitFor('chat.done', (p) => p.streamId === sent.streamId)
    // A reply that ends starts the next before it (auto mode): settle waits for them all.
    await core().chat.settle()
    recorder.stop()
    const all = core().messages.list(chatId)
    const index = all.findIndex((m) => m.id === sent.userMessageId)
    return { speaker: sent.characterId, replies: all.slice(index + 1) }
  }

  it('natural: the member addressed answers, with its id on every event and on the saved reply', async () => {
    const { ids, chatId } = trio()
    const recorder = collectEvents(core().events)
    const sent = core().chat.send(chatId, 'Chiyo, what do you think?')
    expect(sent.characterId).toBe(ids.chiyo)
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === sent.streamId)
    expect(done.characterId).toBe(ids.chiyo)
    expect(done.message).toMatchObject({ role: 'assistant', characterId: ids.chiyo, speakerName: 'Chiyo' })
    const ofStream = recorder.events.filter((e) => (e.payload as { streamId?: string }).streamId === sent.streamId)
    expect(ofStream[0]).toMatchObject({ event: 'chat.replyStarted', payload: { characterId: ids.chiyo } })
    const tokens = ofStream.filter((e) => e.event === 'chat.token')
    expect(tokens.length).toBeGreaterThan(0)
    for (const token of tokens) expect(token.payload).toMatchObject({ characterId: ids.chiyo })
    // Addressed by first name later in a message, another member answers.
    expect((await sendAndSettle(chatId, 'Thanks. And you, bram?')).speaker).toBe(ids.bram)
  })

  it('in order: each member in turn; a muted member is skipped until its mute ends', async () => {
    const { group, ids, chatId } = trio({ talkMode: 'in-order' })
    const speakers: (string | null)[] = []
    for (let i = 0; i < 4; i++) speakers.push((await sendAndSettle(chatId, `Round ${i}`)).speaker)
    // The greetings were Aiko's, Bram's and Chiyo's: the turn goes on from the last of them.
    expect(speakers).toEqual([ids.aiko, ids.bram, ids.chiyo, ids.aiko])
    core().groups.update(group.id, { mutedUntil: { [ids.bram]: '2999-01-01T00:00:00.000Z' } })
    expect((await sendAndSettle(chatId, 'Next')).speaker).toBe(ids.chiyo)
    expect((await sendAndSettle(chatId, 'Bram, you?')).speaker).toBe(ids.aiko)
  })

  it('natural: a muted member never speaks, even when named', async () => {
    const { group, ids, chatId } = trio()
    core().groups.update(group.id, { mutedUntil: { [ids.bram]: '2999-01-01T00:00:00.000Z' } })
    for (let i = 0; i < 4; i++) {
      const { speaker, replies } = await sendAndSettle(chatId, `Bram, are you there? (${i})`)
      expect(speaker).not.toBeNull()
      expect(speaker).not.toBe(ids.bram)
      expect(replies.map((m) => m.characterId)).not.toContain(ids.bram)
    }
  })

  it('manual: a message gets no reply until the user picks a member (chat.speak)', async () => {
    const { ids, chatId } = trio({ talkMode: 'manual' })
    const { speaker, replies } = await sendAndSettle(chatId, 'Chiyo, hello?')
    expect(speaker).toBeNull()
    expect(replies).toEqual([])
    const recorder = collectEvents(core().events)
    const spoken = core().chat.speak(chatId, ids.bram, 'pick-bram')
    expect(spoken).toEqual({ streamId: 'pick-bram', characterId: ids.bram })
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === 'pick-bram')
    expect(done.message).toMatchObject({ characterId: ids.bram, status: 'complete' })
  })

  it('auto mode: members answer each other up to the limit, each reply announced with its speaker', async () => {
    const { ids, chatId } = trio({ isAutoMode: true, autoModeMaxReplies: 3 })
    const recorder = collectEvents(core().events)
    const { replies } = await sendAndSettle(chatId, 'Hello, everyone!')
    expect(replies).toHaveLength(3)
    const speakers = replies.map((m) => m.characterId)
    for (const speaker of speakers) expect(Object.values(ids)).toContain(speaker)
    // Nobody answers themselves.
    for (let i = 1; i < speakers.length; i++) expect(speakers[i]).not.toBe(speakers[i - 1])
    const started = recorder.events.filter((e) => e.event === 'chat.replyStarted').map((e) => e.payload)
    expect(started.map((p) => (p as { characterId: string }).characterId)).toEqual(speakers)
    expect(replies.every((m) => m.status === 'complete')).toBe(true)
  })

  it('auto mode stops at once on Stop and on a new message from the user', async () => {
    const { chatId } = trio({ isAutoMode: true, autoModeMaxReplies: 10 })
    core().settings.update({ sampling: { maxTokens: 40 } })
    const recorder = collectEvents(core().events)
    const sent = core().chat.send(chatId, 'Talk among yourselves.')
    // Stop during the second reply: it stops (or, when the tiny model already wrote its last token, ends as it
    // was) and no third starts.
    const second = await recorder.waitFor('chat.replyStarted', (p) => p.streamId !== sent.streamId)
    await recorder.waitFor('chat.token', (p) => p.streamId === second.streamId)
    expect(core().chat.cancel(second.streamId)).toBe(true)
    await core().chat.settle()
    expect(['cancelled', 'complete']).toContain(core().messages.list(chatId).at(-1)!.status)
    expect(recorder.events.filter((e) => e.event === 'chat.replyStarted')).toHaveLength(2)

    // A new message during a chain: the running reply stops, the user's message comes after it, a new chain starts.
    const next = core().chat.send(chatId, 'Again, please.')
    await recorder.waitFor('chat.token', (p) => p.streamId === next.streamId)
    const interrupt = core().chat.send(chatId, 'Stop, I have news!')
    await core().chat.settle()
    const messages = core().messages.list(chatId)
    const at = messages.findIndex((m) => m.id === interrupt.userMessageId)
    const interrupted = messages.slice(messages.findIndex((m) => m.id === next.userMessageId) + 1, at)
    // The chain it cut short: the reply being written (stopped, or just finished) and nothing after it.
    expect(interrupted.length).toBeGreaterThanOrEqual(1)
    expect(interrupted.length).toBeLessThan(10)
    expect(interrupted.every((m) => m.role === 'assistant')).toBe(true)
    // The new message's own chain runs in full after it.
    expect(messages.slice(at + 1).every((m) => m.role === 'assistant' && m.status === 'complete')).toBe(true)
    expect(messages.slice(at + 1).length).toBe(10)
    expect(messages.filter((m) => m.status === 'streaming')).toEqual([])
  }, 120_000)

  it('regenerate keeps the speaker; continue, swipe, edit and delete work on a member reply', async () => {
    const { ids, chatId } = trio()
    const { replies } = await sendAndSettle(chatId, 'Aiko, tell me something.')
    const reply = replies[0]!
    expect(reply.characterId).toBe(ids.aiko)
    const recorder = collectEvents(core().events)
    const again = core().chat.regenerate(chatId, 'regen')
    expect(again.messageId).toBe(reply.id)
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === 'regen')
    expect(done).toMatchObject({ characterId: ids.aiko, message: { characterId: ids.aiko, swipeIndex: 1 } })
    expect(done.message.swipes).toHaveLength(2)
    expect(core().chat.swipe(reply.id, 0).content).toBe(reply.content)
    core().chat.continueReply(chatId, 'more')
    const continued = await recorder.waitFor('chat.done', (p) => p.streamId === 'more')
    expect(continued.message.characterId).toBe(ids.aiko)
    expect(continued.message.content.startsWith(reply.content)).toBe(true)
    expect(core().chat.edit(reply.id, 'Edited.').content).toBe('Edited.')
    await core().chat.deleteMessage(reply.id)
    expect(core().messages.find(reply.id)).toBeNull()
  })

  it('a reply of a member that was removed or deleted cannot be redone (typed error); its text stays readable', async () => {
    const { group, ids, chatId } = trio()
    await sendAndSettle(chatId, 'Aiko?')
    core().groups.update(group.id, { characterIds: [ids.bram, ids.chiyo] })
    expect(() => core().chat.regenerate(chatId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    await core().characterService.delete(ids.aiko)
    const last = core().messages.list(chatId).at(-1)!
    expect(last).toMatchObject({ characterId: ids.aiko, speakerName: 'Aiko' })
    expect(() => core().chat.speak(chatId, ids.aiko)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    // The others still talk there.
    expect((await sendAndSettle(chatId, 'Bram?')).speaker).toBe(ids.bram)
  })

  it("applies the speaker's own LoRA adapter for its replies, and none for a member without one", async () => {
    const adapter = join(tempDir(), 'tone.lora.gguf')
    writeFileSync(adapter, await writeLoraAdapter(tinyLlamaModel))
    const { ids, chatId } = trio()
    core().characters.update(ids.bram, { loras: [{ path: adapter, scale: 0.5 }] })
    await sendAndSettle(chatId, 'Bram, hi.')
    expect((await core().runtime.status()).loras).toEqual([{ path: adapter, scale: 0.5 }])
    await sendAndSettle(chatId, 'Chiyo, hi.')
    expect((await core().runtime.status()).loras).toEqual([])
  })
})
