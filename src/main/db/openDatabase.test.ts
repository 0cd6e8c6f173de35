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
})
