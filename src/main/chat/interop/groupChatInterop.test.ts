import { describe, expect, it } from 'vitest'
import { blankCharacterDraft } from '../../../shared/domain'
import type { Core } from '../../core'
import { useTestCore } from '../../../../tests/helpers/useTestCore'

describe('SillyTavern group chats: export as .jsonl and import into a group', () => {
  let core: Core
  useTestCore((c) => (core = c))

  function groupChat(): { groupId: string; chatId: string; ids: string[] } {
    const ids = ['Aiko', 'Bram'].map(
      (name) =>
        core.characters.insert(core.userId, { ...blankCharacterDraft(), name, firstMessage: `I am ${name}.` }).id
    )
    const group = core.groups.create({ name: 'Club', characterIds: ids })
    const chatId = core.chat.createInGroup(group.id, 'Tea time').id
    core.messages.insert({ chatId, role: 'user', content: 'Hello both!', status: 'complete' })
    core.messages.insert({
      chatId,
      role: 'assistant',
      content: 'Hi from Bram.',
      status: 'complete',
      characterId: ids[1],
      speakerName: 'Bram'
    })
    return { groupId: group.id, chatId, ids }
  }

  it('exports a group chat as SillyTavern writes one: no header line, each reply named after its speaker', () => {
    const { chatId } = groupChat()
    const file = core.chatInterop.export(chatId, 'st-jsonl')
    const lines = file.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; is_user: boolean; mes: string })
    expect(lines.map((l) => [l.name, l.is_user, l.mes])).toEqual([
      ['Aiko', false, 'I am Aiko.'],
      ['Bram', false, 'I am Bram.'],
      ['User', true, 'Hello both!'],
      ['Bram', false, 'Hi from Bram.']
    ])
    expect(core.chatInterop.export(chatId, 'text').text).toContain('Bram: Hi from Bram.')
  })

  it('imports it into a group: speakers matched to members by name; an unknown speaker keeps its name', () => {
    const { groupId, chatId, ids } = groupChat()
    const exported = core.chatInterop.export(chatId, 'st-jsonl').text
    const extra = JSON.stringify({ name: 'Zed', is_user: false, mes: 'Who am I?', send_date: '2026-01-01T00:00:00Z' })
    const bytes = new TextEncoder().encode(`${exported}${extra}\n`)
    const imported = core.chatInterop.importStInto({ groupId }, 'Tea time.jsonl', bytes)
    expect(imported).toMatchObject({ groupId, characterId: null, title: 'Tea time' })
    expect(core.chat.listInGroup(groupId).map((c) => c.id)).toContain(imported.id)
    expect(core.messages.list(imported.id).map((m) => [m.role, m.characterId, m.speakerName, m.content])).toEqual([
      ['assistant', ids[0], 'Aiko', 'I am Aiko.'],
      ['assistant', ids[1], 'Bram', 'I am Bram.'],
      ['user', null, null, 'Hello both!'],
      ['assistant', ids[1], 'Bram', 'Hi from Bram.'],
      ['assistant', null, 'Zed', 'Who am I?']
    ])
    // And it goes back out the same.
    expect(core.chatInterop.export(imported.id, 'st-jsonl').text.split('\n')[3]).toContain('"name":"Bram"')
  })

  it('refuses an unknown group and a broken file with typed errors, storing nothing', () => {
    const { groupId } = groupChat()
    const good = new TextEncoder().encode('{"name":"Aiko","is_user":false,"mes":"hi"}\n')
    expect(() => core.chatInterop.importStInto({ groupId: 'no-such-group' }, 'x.jsonl', good)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    )
    const broken = new TextEncoder().encode('{"name":"Aiko","is_user":false,"mes":"hi"}\n{"name":')
    expect(() => core.chatInterop.importStInto({ groupId }, 'x.jsonl', broken)).toThrow(
      expect.objectContaining({ code: 'FILE_INVALID' })
    )
    expect(core.chat.listInGroup(groupId)).toHaveLength(1)
  })
})
