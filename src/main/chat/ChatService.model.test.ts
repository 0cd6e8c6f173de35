import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../core'
import { AppError } from '../../shared/errors'
import { collectEvents } from '../../../tests/helpers/collectEvents'
import { writeLoraAdapter } from '../../../tests/helpers/gguf/writeLoraAdapter'
import { storiesModel } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createTestCore } from '../../../tests/helpers/testCore'

describe('ChatService: a streamed, persisted turn on the tiny GGUF', () => {
  const tempDir = useTempDir()
  let core: Core
  beforeEach(async () => {
    core = await createTestCore(tempDir())
    core.settings.update({ sampling: { temperature: 0, seed: 3, maxTokens: 60 } })
  })
  afterEach(async () => {
    await core.dispose()
  })

  const firstChat = (): string => {
    const character = core.characters.list(core.userId)[0]!
    return core.chat.create(character.id).id
  }

  it('opens a chat with the greeting, macros resolved', () => {
    const chatId = firstChat()
    const [greeting] = core.messages.list(chatId)
    expect(greeting).toMatchObject({ role: 'assistant', status: 'complete' })
    expect(greeting!.content).toContain('User')
    expect(greeting!.content).not.toContain('{{user}}')
  })

  it('stores the user message before generating, streams ordered tokens, and saves the reply', async () => {
    await core.runtime.load({ path: storiesModel })
    const chatId = firstChat()
    const recorder = collectEvents(core.events)
    const { streamId, userMessageId } = core.chat.send(chatId, '  Hello there!  ')
    expect(core.messages.get(userMessageId)).toMatchObject({
      role: 'user',
      content: 'Hello there!',
      status: 'complete'
    })
    expect(core.chat.isStreaming(streamId)).toBe(true)
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    expect(core.chat.isStreaming(streamId)).toBe(false)
    const tokens = recorder.events
      .filter((e) => e.event === 'chat.token')
      .map((e) => e.payload as { seq: number; text: string })
    expect(tokens.length).toBeGreaterThan(0)
    expect(tokens.map((t) => t.seq)).toEqual(tokens.map((_, i) => i))
    expect(
      tokens
        .map((t) => t.text)
        .join('')
        .trim()
    ).toBe(done.message.content)
    expect(done.message).toMatchObject({ role: 'assistant', status: 'complete' })
    expect(core.messages.list(chatId).map((m) => m.role)).toEqual(['assistant', 'user', 'assistant'])
  })

  it('cancel stops the stream and keeps the partial reply as cancelled', async () => {
    await core.runtime.load({ path: storiesModel })
    core.settings.update({ sampling: { maxTokens: 4000 } })
    const chatId = firstChat()
    const recorder = collectEvents(core.events)
    const { streamId } = core.chat.send(chatId, 'Tell me a very long story.')
    await recorder.waitFor('chat.token', (p) => p.streamId === streamId)
    expect(core.chat.cancel(streamId)).toBe(true)
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    expect(done.message.status).toBe('cancelled')
    expect(core.messages.get(done.message.id).status).toBe('cancelled')
    expect(core.chat.cancel(streamId)).toBe(false)
  })

  it('refuses empty text and a missing model with typed errors, storing nothing', async () => {
    const chatId = firstChat()
    const before = core.messages.list(chatId).length
    expect(() => core.chat.send(chatId, '   ')).toThrow(AppError)
    expect(() => core.chat.send(chatId, 'hello')).toThrow(expect.objectContaining({ code: 'MODEL_NOT_LOADED' }))
    await core.runtime.load({ path: storiesModel })
    expect(() => core.chat.send('no-such-chat', 'hello')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(core.messages.list(chatId)).toHaveLength(before)
  })

  it('regenerates the last reply as a new swipe, flips between versions, and continues a reply', async () => {
    await core.runtime.load({ path: storiesModel })
    core.settings.update({ sampling: { temperature: 0.9, seed: null, maxTokens: 24 } })
    const chatId = firstChat()
    const recorder = collectEvents(core.events)
    const first = core.chat.send(chatId, 'Tell me about cats.')
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === first.streamId)
    const original = done.message.content

    const again = core.chat.regenerate(chatId)
    expect(again.messageId).toBe(done.message.id)
    const redone = await recorder.waitFor('chat.done', (p) => p.streamId === again.streamId)
    expect(redone.message.swipes).toHaveLength(2)
    expect(redone.message.swipes[0]).toBe(original)
    expect(redone.message.swipeIndex).toBe(1)
    expect(redone.message.content).toBe(redone.message.swipes[1])
    expect(core.chat.swipe(again.messageId, 0).content).toBe(original)

    const more = core.chat.continueReply(chatId)
    const continued = await recorder.waitFor('chat.done', (p) => p.streamId === more.streamId)
    expect(continued.message.content.startsWith(original.trim())).toBe(true)
    expect(continued.message.content.length).toBeGreaterThanOrEqual(original.trim().length)
    expect(core.messages.list(chatId)).toHaveLength(3)
  })

  it('edits and deletes messages; alternate greetings become swipes of the first message', () => {
    const character = core.characters.list(core.userId)[0]!
    core.characters.update(character.id, { alternateGreetings: ['Hi {{user}}, back again?'] })
    const chatId = core.chat.create(character.id).id
    const [greeting] = core.messages.list(chatId)
    expect(greeting!.swipes).toHaveLength(2)
    expect(greeting!.swipes[1]).toBe('Hi User, back again?')
    const edited = core.chat.edit(greeting!.id, 'Edited hello')
    expect(edited.content).toBe('Edited hello')
    expect(edited.swipes[0]).toBe('Edited hello')
    core.messages.delete(greeting!.id)
    expect(core.messages.list(chatId)).toHaveLength(0)
    expect(() => core.chat.regenerate(chatId)).toThrow(expect.objectContaining({ code: 'MODEL_NOT_LOADED' }))
  })

  it("tells the Models screen when a character's own adapter is swapped in for its reply (models.status)", async () => {
    await core.runtime.load({ path: storiesModel })
    const adapter = join(tempDir(), 'tone.lora.gguf')
    writeFileSync(adapter, await writeLoraAdapter(storiesModel))
    const character = core.characters.list(core.userId)[0]!
    core.characters.update(character.id, { loras: [{ path: adapter, scale: 0.5 }] })
    const chatId = core.chat.create(character.id).id
    const recorder = collectEvents(core.events)
    const { streamId } = core.chat.send(chatId, 'Hello there!')
    await recorder.waitFor('chat.done', (p) => p.streamId === streamId)
    expect((await core.runtime.status()).loras).toEqual([{ path: adapter, scale: 0.5 }])
    const statuses = recorder.events.filter((e) => e.event === 'models.status').map((e) => e.payload)
    expect(statuses.at(-1)).toMatchObject({ state: 'loaded', loras: [{ path: adapter, scale: 0.5 }] })
  })

  it('streams under the id the caller chose, so its first event can be matched; an id in use is refused', async () => {
    await core.runtime.load({ path: storiesModel })
    const chatId = firstChat()
    const recorder = collectEvents(core.events)
    expect(core.chat.send(chatId, 'Hello there!', 'my-stream').streamId).toBe('my-stream')
    const before = core.messages.list(chatId).length
    const other = core.chat.create(core.characters.list(core.userId)[0]!.id).id
    expect(() => core.chat.send(other, 'Hi', 'my-stream')).toThrow(expect.objectContaining({ code: 'BUSY' }))
    const done = await recorder.waitFor('chat.done', (p) => p.streamId === 'my-stream')
    expect(recorder.events.find((e) => e.event === 'chat.token')?.payload).toMatchObject({ streamId: 'my-stream' })
    expect(core.messages.list(chatId)).toHaveLength(before + 1)
    expect(done.message.status).toBe('complete')
  })
})
