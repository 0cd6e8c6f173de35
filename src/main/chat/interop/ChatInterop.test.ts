import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { blankCharacterDraft } from '../../../shared/domain'
import { openDatabase, type Db } from '../../db/openDatabase'
import { CharacterRepository } from '../../db/repositories/CharacterRepository'
import { ChatRepository } from '../../db/repositories/ChatRepository'
import { MessageRepository } from '../../db/repositories/MessageRepository'
import { UserRepository } from '../../db/repositories/UserRepository'
import { sharedDir } from '../../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { appErrorOf } from '../../../../tests/helpers/appErrorOf'
import { ChatInterop, MAX_CHAT_IMPORT_BYTES } from './ChatInterop'
import { parseStChat } from './parseStChat'

const chatsDir = join(sharedDir, 'data', 'interop', 'st-chats')
const readChat = (name: string): Buffer => readFileSync(join(chatsDir, name))

describe('ChatInterop on a real SQLite file', () => {
  const tempDir = useTempDir()
  const open: Db[] = []
  afterEach(() => open.splice(0).forEach((db) => db.close()))

  function setup(characterName = 'Megumin') {
    const db = openDatabase(join(tempDir(), 'app.sqlite'))
    open.push(db)
    const users = new UserRepository(db)
    const user = users.ensureLocalUser()
    const characters = new CharacterRepository(db)
    const character = characters.insert(user.id, { ...blankCharacterDraft(), name: characterName })
    const chats = new ChatRepository(db)
    const messages = new MessageRepository(db)
    const imported: string[] = []
    const interop = new ChatInterop({
      db,
      users,
      characters,
      chats,
      messages,
      onImported: (chat) => imported.push(chat.id)
    })
    return { db, interop, character, chats, messages, imported }
  }

  it('imports the TavernAI-era hybrid: numeric create_date, humanised send_date, roles and names', () => {
    const { interop, character, messages, imported } = setup()
    const chat = interop.importSt(
      character.id,
      'st-2023-04_megumin_legacy-tavernai-hybrid.jsonl',
      readChat('st-2023-04_megumin_legacy-tavernai-hybrid.jsonl')
    )
    expect(chat.messageCount).toBe(3)
    expect(chat.createdAt).toBe(new Date(1674559900991).toISOString())
    expect(imported).toEqual([chat.id])
    const list = messages.list(chat.id)
    expect(list.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant'])
    expect(list.map((m) => m.metadata.st && (m.metadata.st as { name: string }).name)).toEqual([
      'Megumin',
      'You',
      'Megumin'
    ])
    expect(list.map((m) => m.createdAt)).toEqual([
      '2023-04-21T20:02:47.124Z',
      '2023-04-21T20:03:06.446Z',
      '2023-04-21T20:03:13.567Z'
    ])
    expect(list[1]!.content).toBe('I am here to go on an adventure with you Megumin. I happen to be a mage too!')
    expect(list.every((m) => m.swipes.length === 0)).toBe(true)
  })

  it('imports SillyTavern 1.12: meridiem send_date, swipes with swipe_info, code fences intact, a user first', () => {
    const { interop, character, messages } = setup('Coding Sensei')
    const bytes = readChat('st-2024-05_coding-sensei_codeblocks.jsonl')
    const chat = interop.importSt(character.id, 'sensei.jsonl', bytes)
    const lines = bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const list = messages.list(chat.id)
    expect(chat.messageCount).toBe(lines.length)
    expect(list[0]!.role).toBe('user')
    expect(list[0]!.createdAt).toBe('2024-05-24T16:25:00.000Z')
    list.forEach((message, i) => {
      const line = lines[i]!
      expect(message.content).toBe(line.mes)
      expect(message.swipes).toEqual(line.swipes ?? [])
      expect(message.content).toContain(i % 2 === 1 ? '```javascript' : '')
      if (line.swipes) expect((message.metadata.st as Record<string, unknown>).swipe_info).toEqual(line.swipe_info)
    })
  })

  it('imports a header-only chat (placeholder names, no create_date) as an empty chat', () => {
    const { interop, character } = setup()
    const chat = interop.importSt(character.id, 'x.jsonl', readChat('st-2026-01_header-only_unused-names.jsonl'))
    expect(chat.messageCount).toBe(0)
    expect(parseStChat(readChat('st-2026-01_header-only_unused-names.jsonl').toString(), 'x').userName).toBeNull()
  })

  it('every SillyTavern chat in the shared data round-trips: export then import gives the same messages', () => {
    const { interop, character, messages } = setup()
    for (const name of readdirSync(chatsDir)) {
      const first = interop.importSt(character.id, name, readChat(name))
      const file = interop.export(first.id, 'st-jsonl')
      const second = interop.importSt(character.id, file.fileName, Buffer.from(file.text))
      const strip = (chatId: string) =>
        messages.list(chatId).map((m) => ({
          role: m.role,
          content: m.content,
          swipes: m.swipes,
          swipeIndex: m.swipeIndex,
          createdAt: m.createdAt,
          metadata: m.metadata
        }))
      expect(strip(second.id)).toEqual(strip(first.id))
      expect(second.createdAt).toBe(first.createdAt)
      // Every field SillyTavern wrote, header included, comes back out unchanged.
      const original = readChat(name)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as object)
      const exported = file.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as object)
      expect(exported).toHaveLength(original.length)
      original.forEach((line, i) => expect(exported[i]).toMatchObject(line))
    }
  })

  it('group chats (no header, a system opener, several speakers, hidden messages, ISO and numeric dates)', () => {
    const { interop, character, messages } = setup('Aqua')
    const lines = [
      {
        name: 'System',
        is_user: false,
        is_system: true,
        send_date: 1700000000000,
        mes: 'The party meets.',
        extra: { type: 'narrator' }
      },
      { name: 'Kazuma', is_user: true, send_date: '2023-11-14T22:14:00.000Z', mes: 'Hi all' },
      {
        name: 'Aqua',
        is_user: false,
        send_date: '2023-11-14T22:15:00.000Z',
        mes: 'I am a goddess!',
        swipes: ['I am a goddess!', 'Worship me!'],
        swipe_id: 0,
        extra: { reasoning: 'be smug', display_text: 'I am a <b>goddess</b>!' }
      },
      {
        name: 'Darkness',
        is_user: false,
        send_date: 'June 19, 2023 2:20pm',
        mes: 'Hit me!',
        swipes: ['Hit me.', 'Hit me!'],
        swipe_id: 1
      },
      {
        name: 'Aqua',
        is_user: false,
        is_system: true,
        send_date: '2023-6-5 @14h 56m 50s 682ms',
        mes: 'hidden from the prompt'
      },
      { name: 'Kazu', is_user: true, send_date: '2024-07-12@01h31m37s123ms', mes: 'I renamed myself' }
    ]
    const chat = interop.importSt(
      character.id,
      'Konosuba group.jsonl',
      Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'))
    )
    const list = messages.list(chat.id)
    expect(list.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'assistant', 'assistant', 'user'])
    expect(list.map((m) => (m.metadata.st as { name: string }).name)).toEqual(lines.map((l) => l.name))
    expect(list[0]!.createdAt).toBe(new Date(1700000000000).toISOString())
    expect(list[3]!.content).toBe('Hit me!')
    expect(list[3]!.swipeIndex).toBe(1)
    expect(list[3]!.createdAt).toBe('2023-06-19T14:20:00.000Z')
    expect(list[4]!.createdAt).toBe('2023-06-05T14:56:50.682Z')
    expect(list[5]!.createdAt).toBe('2024-07-12T01:31:37.123Z')
    expect((list[2]!.metadata.st as { extra: unknown }).extra).toEqual(lines[2]!.extra)
    expect(chat.title).toBe('Konosuba group')
  })

  it('a truncated line is a typed error and leaves no chat behind', () => {
    const { interop, character, chats } = setup()
    const whole = readChat('st-2024-05_coding-sensei_codeblocks.jsonl')
    const cut = whole.subarray(0, Math.floor(whole.length * 0.7))
    const error = appErrorOf(() => interop.importSt(character.id, 'cut.jsonl', cut))
    expect(error.code).toBe('FILE_INVALID')
    expect(error.message).toMatch(/Line \d+/)
    expect(chats.listByCharacter(character.id)).toEqual([])
  })

  it('a 200 MB file is refused by size before it is read, and nothing is stored', () => {
    const { interop, character, chats } = setup()
    const huge = Buffer.alloc(200 * 1024 * 1024, 0x20)
    expect(huge.byteLength).toBeGreaterThan(MAX_CHAT_IMPORT_BYTES)
    const error = appErrorOf(() => interop.importSt(character.id, 'huge.jsonl', huge))
    expect(error.code).toBe('FILE_TOO_LARGE')
    expect(chats.listByCharacter(character.id)).toEqual([])
  })

  it('files that are not chats (a card, an empty file, a line without text) are typed errors', () => {
    const { interop, character, chats } = setup()
    for (const bytes of ['', '{"spec":"chara_card_v2","data":{}}\n{"name":"x"}', '[1,2]', 'not json']) {
      expect(appErrorOf(() => interop.importSt(character.id, 'bad.jsonl', Buffer.from(bytes))).code).toBe(
        'FILE_INVALID'
      )
    }
    expect(chats.listByCharacter(character.id)).toEqual([])
  })

  it('exports Markdown and text with speakers in order', () => {
    const { interop, character } = setup()
    const chat = interop.importSt(character.id, 'm.jsonl', readChat('st-2023-04_megumin_legacy-tavernai-hybrid.jsonl'))
    const markdown = interop.export(chat.id, 'markdown')
    expect(markdown.fileName).toBe('m.md')
    expect(markdown.text.match(/^### (\w+)/gm)).toEqual(['### Megumin', '### You', '### Megumin'])
    const text = interop.export(chat.id, 'text')
    expect(text.text).toContain('You: I am here to go on an adventure with you Megumin.')
  })
})
