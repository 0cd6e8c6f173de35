import { describe, expect, it } from 'vitest'
import { blankCharacterDraft } from '../../shared/domain'
import type { Core } from '../core'
import { collectEvents } from '../../../tests/helpers/collectEvents'
import { useTestCore } from '../../../tests/helpers/useTestCore'

describe('GroupService: groups of characters on a real database', () => {
  let core: Core
  useTestCore((c) => (core = c))

  const character = (name: string, greeting = ''): string =>
    core.characters.insert(core.userId, { ...blankCharacterDraft(), name, firstMessage: greeting }).id

  it('creates, lists, updates and deletes a group, emitting groups.changed each time', async () => {
    const [a, b, c] = [character('Aiko'), character('Bram'), character('Chiyo')]
    const recorder = collectEvents(core.events)
    const group = core.groups.create({ name: '  Tea club ', characterIds: [a, b], scenario: 'After school.' })
    expect(group).toMatchObject({
      name: 'Tea club',
      characterIds: [a, b],
      talkMode: 'natural',
      promptMode: 'join',
      isAutoMode: false,
      mutedUntil: {}
    })
    expect(core.groups.list().map((g) => g.id)).toEqual([group.id])
    const until = '2030-01-01T00:00:00.000Z'
    const updated = core.groups.update(group.id, {
      characterIds: [c, a, b],
      talkMode: 'in-order',
      promptMode: 'swap',
      isAutoMode: true,
      autoModeMaxReplies: 4,
      mutedUntil: { [b]: until }
    })
    expect(updated).toMatchObject({
      characterIds: [c, a, b],
      talkMode: 'in-order',
      promptMode: 'swap',
      isAutoMode: true,
      autoModeMaxReplies: 4,
      mutedUntil: { [b]: until }
    })
    expect(core.groups.get(group.id)).toEqual(updated)
    await core.groups.delete(group.id)
    expect(() => core.groups.get(group.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    const changed = recorder.events.filter((e) => e.event === 'groups.changed')
    expect(changed.map((e) => e.payload)).toEqual([{ groupId: group.id }, { groupId: group.id }, { groupId: group.id }])
  })

  it('refuses a group of one, an unknown or repeated character, a stranger muted, a bad reply limit: nothing stored', () => {
    const [a, b] = [character('Aiko'), character('Bram')]
    const refuse = (run: () => unknown, code: string): void => expect(run).toThrow(expect.objectContaining({ code }))
    refuse(() => core.groups.create({ name: 'Solo', characterIds: [a] }), 'INVALID_INPUT')
    refuse(() => core.groups.create({ name: 'Twice', characterIds: [a, a] }), 'INVALID_INPUT')
    refuse(() => core.groups.create({ name: 'Ghost', characterIds: [a, 'no-such-character'] }), 'NOT_FOUND')
    refuse(() => core.groups.create({ name: '   ', characterIds: [a, b] }), 'INVALID_INPUT')
    refuse(() => core.groups.create({ name: 'Many', characterIds: [a, b], autoModeMaxReplies: 0 }), 'INVALID_INPUT')
    expect(core.groups.list()).toEqual([])
    const group = core.groups.create({ name: 'Pair', characterIds: [a, b] })
    refuse(() => core.groups.update(group.id, { characterIds: [a] }), 'INVALID_INPUT')
    refuse(() => core.groups.update(group.id, { mutedUntil: { stranger: '2030-01-01T00:00:00Z' } }), 'INVALID_INPUT')
    refuse(() => core.groups.update(group.id, { mutedUntil: { [a]: 'soon' } }), 'INVALID_INPUT')
    refuse(() => core.groups.update('no-such-group', { name: 'x' }), 'NOT_FOUND')
    expect(core.groups.get(group.id)).toMatchObject({ characterIds: [a, b], mutedUntil: {} })
  })

  it('a group chat opens with each member greeting in order; deleting a member keeps the history readable', async () => {
    const a = character('Aiko', 'Hi {{user}}, I am {{char}}.')
    const b = character('Bram', 'Yo.')
    const c = character('Chiyo')
    const group = core.groups.create({ name: 'Trio', characterIds: [a, b, c] })
    const chat = core.chat.createInGroup(group.id)
    expect(chat).toMatchObject({ groupId: group.id, characterId: null, title: 'Trio' })
    expect(core.chat.listInGroup(group.id).map((x) => x.id)).toEqual([chat.id])
    expect(core.chat.list(a)).toEqual([])
    const greetings = core.messages.list(chat.id)
    expect(greetings.map((m) => [m.role, m.characterId, m.speakerName])).toEqual([
      ['assistant', a, 'Aiko'],
      ['assistant', b, 'Bram']
    ])
    expect(greetings[0]!.content).toBe('Hi User, I am Aiko.')

    await core.characterService.delete(a)
    expect(core.groups.get(group.id).characterIds).toEqual([b, c])
    // The chat and what Aiko said stay, with her id and name.
    expect(core.chat.listInGroup(group.id).map((x) => x.id)).toEqual([chat.id])
    expect(core.chat.messages(chat.id).messages.map((m) => [m.characterId, m.speakerName])).toEqual([
      [a, 'Aiko'],
      [b, 'Bram']
    ])
    // Removing a member the same way keeps its lines too.
    core.groups.update(group.id, { characterIds: [c, b] })
    expect(core.chat.messages(chat.id).messages).toHaveLength(2)
  })

  it('deleting a group deletes its chats and their messages, not its characters', async () => {
    const [a, b] = [character('Aiko', 'Hello.'), character('Bram', 'Hey.')]
    const group = core.groups.create({ name: 'Pair', characterIds: [a, b] })
    const chat = core.chat.createInGroup(group.id, 'Evening')
    await core.groups.delete(group.id)
    expect(() => core.chats.get(chat.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(core.messages.list(chat.id)).toEqual([])
    expect(core.characters.get(a).name).toBe('Aiko')
    expect(() => core.chat.createInGroup(group.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('chat.speak refuses a character that is not a member (unknown, removed or deleted) with a typed error', async () => {
    const [a, b, c] = [character('Aiko'), character('Bram'), character('Chiyo')]
    const group = core.groups.create({ name: 'Trio', characterIds: [a, b, c] })
    const chat = core.chat.createInGroup(group.id)
    const refused = (characterId: string): void =>
      expect(() => core.chat.speak(chat.id, characterId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    refused('no-such-character')
    core.groups.update(group.id, { characterIds: [b, c] })
    refused(a)
    await core.characterService.delete(c)
    refused(c)
    // A member who may speak gets past the member check to the model check.
    expect(() => core.chat.speak(chat.id, b)).toThrow(expect.objectContaining({ code: 'MODEL_NOT_LOADED' }))
    // A one-to-one chat has nobody to pick.
    const single = core.chat.create(a).id
    expect(() => core.chat.speak(single, a)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('imports a SillyTavern group file: members by name, its talk and prompt modes, disabled members muted', () => {
    const [a, b, c] = [character('Aiko'), character('Bram'), character('Chiyo')]
    const file = (group: object): Uint8Array => new TextEncoder().encode(JSON.stringify(group))
    const stGroup = {
      id: '1712345678901',
      name: 'Tea club',
      members: ['Aiko.png', 'bram.png', 'Chiyo.png'],
      disabled_members: ['Chiyo.png'],
      activation_strategy: 1,
      generation_mode: 0,
      allow_self_responses: false,
      chat_id: 'Tea club - 2026-1-1',
      chats: ['Tea club - 2026-1-1']
    }
    const group = core.groups.importSt('Tea club.json', file(stGroup))
    expect(group).toMatchObject({ name: 'Tea club', characterIds: [a, b, c], talkMode: 'in-order', promptMode: 'swap' })
    expect(Object.keys(group.mutedUntil)).toEqual([c])
    expect(group.metadata).toMatchObject({
      sillytavern: { chat_id: 'Tea club - 2026-1-1', allow_self_responses: false }
    })
    // A member with no character of that name: nothing is created, and the message names who is missing.
    expect(() => core.groups.importSt('x.json', file({ ...stGroup, members: ['Aiko.png', 'Dora.png'] }))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('Dora') })
    )
    expect(() => core.groups.importSt('x.json', new TextEncoder().encode('{"name": 1}'))).toThrow(
      expect.objectContaining({ code: 'FILE_INVALID' })
    )
    expect(core.groups.list()).toHaveLength(1)
  })
})
