import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { blankCharacterDraft, defaultLoreEntry, type LoreEntryDraft, type Message } from '../../shared/domain'
import { openDatabase, type Db } from '../db/openDatabase'
import { CharacterRepository } from '../db/repositories/CharacterRepository'
import { ChatRepository } from '../db/repositories/ChatRepository'
import { LorebookRepository } from '../db/repositories/LorebookRepository'
import { LoreTimedEffectRepository } from '../db/repositories/LoreTimedEffectRepository'
import { UserRepository } from '../db/repositories/UserRepository'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createLorebookHooks } from './createLorebookHooks'
import { LorebookService } from './LorebookService'
import { makeMessage } from '../../../tests/helpers/makeMessage'

const say = (content: string): Message =>
  makeMessage(content, 'user', content, {
    createdAt: '2026-11-29T00:00:00.000Z',
    updatedAt: '2026-11-29T00:00:00.000Z'
  })

describe('lore timed effects in a real chat database', () => {
  const tempDir = useTempDir()
  const open: Db[] = []
  afterEach(() => open.splice(0).forEach((db) => db.close()))

  /** The app's parts over one SQLite file, as a start of the app would build them. */
  function start(file: string) {
    const db = openDatabase(file)
    open.push(db)
    const user = new UserRepository(db).ensureLocalUser()
    const service = new LorebookService({
      repository: new LorebookRepository(db),
      userId: user.id,
      readCardBook: () => null,
      characterBook: () => null
    })
    const hooks = createLorebookHooks({
      lorebooks: service,
      countTokens: () => null,
      timedEffects: new LoreTimedEffectRepository(db)
    })
    return { db, user, service, hooks, characters: new CharacterRepository(db), chats: new ChatRepository(db) }
  }

  function setUp(entries: Partial<LoreEntryDraft>[]) {
    const file = join(tempDir(), 'app.sqlite')
    const app = start(file)
    const character = app.characters.insert(app.user.id, { ...blankCharacterDraft(), name: 'Aiko' })
    const chat = app.chats.create(character.id, app.user.id, 'Test')
    const book = app.service.create('World')
    app.service.update({
      id: book.id,
      upsertEntries: entries.map((patch, i) => ({ ...defaultLoreEntry(i), content: `lore ${i}`, ...patch }))
    })
    app.service.attach(book.id, { kind: 'global' }, true)
    const fire = (parts: ReturnType<typeof start>, text: string, chatLength: number): string[] =>
      parts.hooks.placeLore!(
        { chat, character, user: { ...parts.user, name: 'Ren' } },
        [say(text)],
        chatLength
      ).beforeCharacter.map((t) => t)
    return { file, app, chat, fire }
  }

  it('a sticky entry stays in the prompt for its messages without its keys, across a restart of the app', () => {
    const { file, app, fire } = setUp([{ keys: ['dragon'], sticky: 4 }])
    expect(fire(app, 'a dragon!', 3)).toEqual(['lore 0'])
    expect(fire(app, 'nothing', 5)).toEqual(['lore 0'])
    app.db.close()
    const restarted = start(file)
    expect(fire(restarted, 'still nothing', 6)).toEqual(['lore 0'])
    expect(fire(restarted, 'still nothing', 7)).toEqual([])
  })

  it('a cooldown keeps a fired entry out for its messages; a delay until the chat is long enough', () => {
    const { app, fire } = setUp([
      { keys: ['dragon'], cooldown: 3 },
      { keys: ['dragon'], delay: 6 }
    ])
    expect(fire(app, 'a dragon!', 3)).toEqual(['lore 0'])
    expect(fire(app, 'a dragon!', 5)).toEqual([])
    expect(fire(app, 'a dragon!', 6)).toEqual(['lore 0', 'lore 1'])
  })

  it("a chat's effects go with the chat", () => {
    const { app, chat, fire } = setUp([{ keys: ['dragon'], sticky: 10 }])
    fire(app, 'a dragon!', 3)
    const count = (): number =>
      (app.db.prepare('SELECT COUNT(*) AS n FROM lore_timed_effects').get() as { n: number }).n
    expect(count()).toBe(1)
    app.chats.delete(chat.id)
    expect(count()).toBe(0)
  })
})
