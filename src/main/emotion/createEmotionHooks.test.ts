import { describe, expect, it } from 'vitest'
import type { Core } from '../core'
import { collectEvents } from '../../../tests/helpers/collectEvents'
import { ChatModelEmotionClassifier } from './ChatModelEmotionClassifier'
import { createEmotionHooks } from './createEmotionHooks'
import { useTestCore } from '../../../tests/helpers/useTestCore'

describe('createEmotionHooks', () => {
  let core: Core
  useTestCore((created) => (core = created))

  it('remembers a strong emotional moment and tells the Memories panel (memory.changed)', async () => {
    const hooks = createEmotionHooks({
      classifier: core.emotion,
      chatModel: new ChatModelEmotionClassifier(core.runtime, core.emotion),
      onnx: () => null,
      choice: () => 'builtin',
      messages: core.messages,
      remember: ({ text, ...moment }) =>
        core.memory.addFacts({ ...moment, facts: [{ kind: 'event', subject: null, importance: 0.7, text }] }),
      events: core.events,
      background: core.background
    })
    const character = core.characters.list(core.userId)[0]!
    const chat = core.chat.create(character.id)
    const scope = { chat, character, user: core.users.get(core.userId) }
    const text = 'I am so happy today, I finally passed my driving test!'
    expect(core.emotion.classify(text)).toMatchObject({ label: 'joy' })
    const message = core.messages.insert({ chatId: chat.id, role: 'user', content: text, status: 'complete' })
    const recorder = collectEvents(core.events)
    hooks.onUserMessage?.(scope, message)
    await core.background.settle()
    const facts = core.memory.list({ characterId: character.id, userId: core.userId }, 'current')
    expect(facts.map((m) => m.text)).toEqual([expect.stringContaining('very happy')])
    expect(recorder.events).toContainEqual({ event: 'memory.changed', payload: { characterId: character.id } })
  })
})
