import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { migrations } from './migrations'
import { openDatabase, schemaVersion } from './openDatabase'
import { CharacterRepository } from './repositories/CharacterRepository'
import { ChatRepository } from './repositories/ChatRepository'
import { MessageRepository } from './repositories/MessageRepository'
import { UserRepository } from './repositories/UserRepository'
import { starterCharacter } from '../characters/starterCharacter'

describe('openDatabase', () => {
  const tempDir = useTempDir()

  it('migrates an empty file to the latest version, in WAL mode, and reopening is a no-op', () => {
    const file = join(tempDir(), 'app.sqlite')
    const db = openDatabase(file)
    const latest = Math.max(...migrations.map((m) => m.version))
    expect(schemaVersion(db)).toBe(latest)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name
    )
    expect(tables).toEqual(expect.arrayContaining(['users', 'characters', 'chats', 'messages', 'settings']))
    db.close()
    const again = openDatabase(file)
    expect(schemaVersion(again)).toBe(latest)
    again.close()
  })

  it('rolls back a failing migration and keeps what was stored', () => {
    const file = join(tempDir(), 'app.sqlite')
    const db = openDatabase(file)
    new UserRepository(db).ensureLocalUser()
    db.close()
    const broken = [
      ...migrations,
      { version: 999, name: 'broken', sql: 'CREATE TABLE x (a); INSERT INTO nope VALUES (1);' }
    ]
    expect(() => openDatabase(file, broken)).toThrow()
    const reopened = openDatabase(file)
    expect(schemaVersion(reopened)).toBe(Math.max(...migrations.map((m) => m.version)))
    expect(new UserRepository(reopened).get('local-user').name).toBe('User')
    expect(reopened.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 0 })
    reopened.close()
  })

  it('stores characters, chats and ordered messages; deleting a character removes its chats', () => {
    const db = openDatabase(join(tempDir(), 'app.sqlite'))
    const user = new UserRepository(db).ensureLocalUser()
    const characters = new CharacterRepository(db)
    const chats = new ChatRepository(db)
    const messages = new MessageRepository(db)
    const character = characters.insert(user.id, starterCharacter())
    expect(characters.get(character.id).sliders.playfulness).toBe(70)
    const chat = chats.create(character.id, user.id, 'First')
    const first = messages.insert({ chatId: chat.id, role: 'user', content: 'hello', status: 'complete' })
    const second = messages.insert({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' })
    messages.updateContent(second.id, 'hi th', 'streaming')
    expect(messages.list(chat.id).map((m) => [m.id, m.content, m.status])).toEqual([
      [first.id, 'hello', 'complete'],
      [second.id, 'hi th', 'streaming']
    ])
    characters.delete(character.id)
    expect(() => chats.get(chat.id)).toThrow(/does not exist/)
    expect(messages.list(chat.id)).toEqual([])
    db.close()
  })

  it('upgrades to group chats keeping every chat, message and memory (the chats table is rebuilt)', () => {
    const file = join(tempDir(), 'app.sqlite')
    const groupsVersion = migrations.find((m) => m.name.startsWith('group chats'))!.version
    const before = openDatabase(
      file,
      migrations.filter((m) => m.version < groupsVersion)
    )
    const user = new UserRepository(before).ensureLocalUser()
    const characterId = new CharacterRepository(before).insert(user.id, starterCharacter()).id
    const at = '2026-01-01T00:00:00.000Z'
    before
      .prepare('INSERT INTO chats (id, character_id, user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('chat-1', characterId, user.id, 'Old chat', at, at)
    before
      .prepare(
        `INSERT INTO messages (id, chat_id, seq, role, content, status, created_at, updated_at)
         VALUES ('m1', 'chat-1', 1, 'user', 'hello', 'complete', ?, ?)`
      )
      .run(at, at)
    before.close()

    const db = openDatabase(file)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('foreign_key_check')).toEqual([])
    const chats = new ChatRepository(db)
    expect(chats.get('chat-1')).toMatchObject({ characterId, groupId: null, title: 'Old chat', messageCount: 1 })
    expect(new MessageRepository(db).list('chat-1')[0]).toMatchObject({ content: 'hello', characterId: null })
    // The rebuilt table still cascades: deleting the character deletes its chat and the chat's messages.
    new CharacterRepository(db).delete(characterId)
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 })
    // A chat belongs to a character or a group, never both or neither.
    expect(() =>
      db
        .prepare('INSERT INTO chats (id, user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run('orphan', user.id, 'x', at, at)
    ).toThrow(/CHECK/)
    db.close()
  })
})
