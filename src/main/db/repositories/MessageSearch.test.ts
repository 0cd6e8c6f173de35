import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../../tests/helpers/tempDir'
import { starterCharacter } from '../../characters/starterCharacter'
import { migrations } from '../migrations'
import { openDatabase } from '../openDatabase'
import { buildMatchQuery } from './buildMatchQuery'
import { CharacterRepository } from './CharacterRepository'
import { ChatRepository } from './ChatRepository'
import { GroupRepository } from './GroupRepository'
import { MessageRepository } from './MessageRepository'
import { MessageSearch } from './MessageSearch'
import { UserRepository } from './UserRepository'

describe('MessageSearch', () => {
  const tempDir = useTempDir()

  const open = (file = join(tempDir(), 'app.sqlite'), upTo?: number) => {
    const db = openDatabase(file, upTo ? migrations.filter((m) => m.version <= upTo) : undefined)
    const user = new UserRepository(db).ensureLocalUser()
    const characters = new CharacterRepository(db)
    const chats = new ChatRepository(db)
    return { db, user, characters, chats, messages: new MessageRepository(db), search: new MessageSearch(db) }
  }

  const text = (hit: { snippet: { text: string }[] }): string => hit.snippet.map((p) => p.text).join('')
  const hits = (hit: { snippet: { text: string; isHit: boolean }[] }): string[] =>
    hit.snippet.filter((p) => p.isHit).map((p) => p.text)

  it('finds words in every chat, newest first, with the matched words marked, and follows inserts, edits and deletes', () => {
    const { user, characters, chats, messages, search } = open()
    const aiko = characters.insert(user.id, starterCharacter())
    const rei = characters.insert(user.id, { ...starterCharacter(), name: 'Rei' })
    const first = chats.create(aiko.id, user.id, 'with Aiko')
    const second = chats.create(rei.id, user.id, 'with Rei')
    const old = messages.insert({
      chatId: first.id,
      role: 'user',
      content: 'My café is by the river.',
      status: 'complete'
    })
    const other = messages.insert({
      chatId: second.id,
      role: 'assistant',
      content: 'The River Kamo!',
      status: 'complete'
    })
    messages.insert({ chatId: second.id, role: 'user', content: 'Nothing here.', status: 'complete' })

    const found = search.search({ query: 'river' })
    expect(found.map((h) => h.messageId)).toEqual([other.id, old.id])
    expect(found[0]).toMatchObject({ chatId: second.id, characterId: rei.id, chatTitle: 'with Rei', role: 'assistant' })
    expect(hits(found[0]!)).toEqual(['River'])
    expect(text(found[1]!)).toBe('My café is by the river.')
    expect(search.search({ query: 'cafe' }).map((h) => h.messageId)).toEqual([old.id])
    expect(search.search({ query: 'riv' })).toHaveLength(2)
    expect(search.search({ query: 'river', characterId: aiko.id }).map((h) => h.messageId)).toEqual([old.id])

    messages.updateContent(old.id, 'My tea house is by the lake.', 'complete')
    expect(search.search({ query: 'river', characterId: aiko.id })).toEqual([])
    expect(search.search({ query: 'lake' }).map((h) => h.messageId)).toEqual([old.id])
    messages.setSwipes(other.id, ['The River Kamo!', 'The ocean.'], 1)
    expect(search.search({ query: 'kamo' })).toEqual([])
    messages.delete(old.id)
    expect(search.search({ query: 'lake' })).toEqual([])
    chats.delete(second.id)
    expect(search.search({ query: 'ocean' })).toEqual([])
  })

  it("names a group chat's hits: the group, and who said it (the name a member had, kept after it is deleted)", () => {
    const { db, user, characters, chats, messages, search } = open()
    const aiko = characters.insert(user.id, starterCharacter())
    const bram = characters.insert(user.id, { ...starterCharacter(), name: 'Bram' })
    const group = new GroupRepository(db).insert(user.id, {
      name: 'Tea club',
      scenario: '',
      characterIds: [aiko.id, bram.id],
      talkMode: 'natural',
      promptMode: 'join',
      isAutoMode: false,
      autoModeMaxReplies: 3,
      mutedUntil: {},
      metadata: {}
    })
    const chat = chats.createInGroup(group.id, user.id, 'Sunday')
    messages.insert({ chatId: chat.id, role: 'user', content: 'Who brought the lemon cake?', status: 'complete' })
    messages.insert({
      chatId: chat.id,
      role: 'assistant',
      content: 'I did, the lemon cake is mine.',
      status: 'complete',
      characterId: bram.id,
      speakerName: 'Bram'
    })
    const [reply, asked] = search.search({ query: 'lemon' })
    expect(reply).toMatchObject({ role: 'assistant', characterId: bram.id, speakerName: 'Bram' })
    expect(reply).toMatchObject({ groupId: group.id, groupName: 'Tea club', chatTitle: 'Sunday' })
    expect(asked).toMatchObject({ role: 'user', characterId: null, speakerName: null, groupName: 'Tea club' })
    characters.delete(bram.id)
    expect(search.search({ query: 'lemon' })[0]).toMatchObject({ speakerName: 'Bram', groupName: 'Tea club' })
    // A one-to-one chat has neither.
    const own = chats.create(aiko.id, user.id, 'with Aiko')
    messages.insert({ chatId: own.id, role: 'assistant', content: 'More lemon?', status: 'complete' })
    expect(search.search({ query: 'lemon' })[0]).toMatchObject({ speakerName: null, groupId: null, groupName: null })
  })

  it('treats what the user types as words: quotes, operators, stars and brackets never error', () => {
    const { user, characters, chats, messages, search } = open()
    const chat = chats.create(characters.insert(user.id, starterCharacter()).id, user.id, 't')
    const quoted = messages.insert({
      chatId: chat.id,
      role: 'user',
      content: 'She said "hello" (twice) AND left*',
      status: 'complete'
    })
    for (const query of [
      '"',
      '"hello',
      'hello"',
      '(',
      'twice)',
      'AND',
      'OR NOT',
      'NEAR(',
      '*',
      '^hello',
      'content:hello',
      "l'eft",
      '""',
      '-',
      'a" OR "b'
    ])
      expect(() => search.search({ query })).not.toThrow()
    expect(search.search({ query: '"hello" AND (twice' }).map((h) => h.messageId)).toEqual([quoted.id])
    expect(search.search({ query: '   ' })).toEqual([])
    expect(search.search({ query: '*' })).toEqual([])
  })

  it('builds quoted, prefix-matching queries', () => {
    expect(buildMatchQuery('  hello   wor')).toBe('"hello" "wor"*')
    expect(buildMatchQuery('say "hi" NOT')).toBe('"say" "hi" "NOT"*')
    expect(buildMatchQuery('()*"')).toBeNull()
  })

  it('indexes the messages a database already had when it is upgraded', () => {
    const file = join(tempDir(), 'app.sqlite')
    const before = open(file, 6)
    const characterId = before.characters.insert(before.user.id, starterCharacter()).id
    // Rows as that version stored them (today's repositories write columns it did not have yet).
    const at = '2026-01-01T00:00:00.000Z'
    before.db
      .prepare('INSERT INTO chats (id, character_id, user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('chat-1', characterId, before.user.id, 't', at, at)
    const saved = { id: 'message-1' }
    before.db
      .prepare(
        `INSERT INTO messages (id, chat_id, seq, role, content, status, created_at, updated_at)
         VALUES (?, 'chat-1', 1, 'user', 'Written before the index existed', 'complete', ?, ?)`
      )
      .run(saved.id, at, at)
    before.db.close()
    const after = open(file)
    expect(after.search.search({ query: 'existed' }).map((h) => h.messageId)).toEqual([saved.id])
  })
})
