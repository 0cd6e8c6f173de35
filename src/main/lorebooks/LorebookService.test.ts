import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { blankCharacterDraft, type Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { decodeCard } from '../characters/cards/decodeCard'
import { lorebookToCard } from '../characters/cards/lorebook'
import { openDatabase, type Db } from '../db/openDatabase'
import { CharacterRepository } from '../db/repositories/CharacterRepository'
import { ChatRepository } from '../db/repositories/ChatRepository'
import { LorebookRepository } from '../db/repositories/LorebookRepository'
import { LoreTimedEffectRepository } from '../db/repositories/LoreTimedEffectRepository'
import { UserRepository } from '../db/repositories/UserRepository'
import { sharedDir } from '../../../tests/helpers/sharedPaths'
import { useTempDir } from '../../../tests/helpers/tempDir'
import { createLorebookHooks } from './createLorebookHooks'
import { LorebookService } from './LorebookService'
import { MAX_LOREBOOK_ENTRIES } from './readLorebookFile'
import { defaultLoreEntry } from '../../shared/domain'
import { makeMessage } from '../../../tests/helpers/makeMessage'

type Json = Record<string, unknown>
const data = join(sharedDir, 'data')
const skyrimPath = join(data, 'interop', 'worldinfo', 'st-2024_skyrim_constant-charfilter.json')
const eldoriaPaths = ['Eldoria.worldinfo.json', 'Eldoria.worldinfo.legacy.json'].map((f) =>
  join(data, 'character-cards', 'lorebooks', f)
)

describe('LorebookService on a real SQLite file', () => {
  const tempDir = useTempDir()
  const open: Db[] = []
  afterEach(() => open.splice(0).forEach((db) => db.close()))

  function setup() {
    const db = openDatabase(join(tempDir(), 'app.sqlite'))
    open.push(db)
    const user = new UserRepository(db).ensureLocalUser()
    const characters = new CharacterRepository(db)
    const character = characters.insert(user.id, { ...blankCharacterDraft(), name: 'Neloth', tags: ['mage'] })
    const chats = new ChatRepository(db)
    const chat = chats.create(character.id, user.id, 'Test')
    const service = new LorebookService({
      repository: new LorebookRepository(db),
      userId: user.id,
      readCardBook: (fileName, bytes) => {
        const book = decodeCard(fileName, bytes).draft.lorebook
        return book ? lorebookToCard(book) : null
      },
      characterBook: (id) => {
        const found = characters.get(id)
        return found.lorebook ? { name: found.lorebook.name, book: lorebookToCard(found.lorebook) } : null
      }
    })
    return { db, service, character, characters, chat, user }
  }

  it('imports SillyTavern World Info with every field, entries keyed by uid, unknown fields kept', () => {
    const { service } = setup()
    const bytes = readFileSync(skyrimPath)
    const book = service.import('Skyrim.json', bytes)
    const original = JSON.parse(bytes.toString('utf8')) as { entries: Record<string, Json> }
    expect(book.name).toBe('Skyrim')
    expect(book.entryCount).toBe(3)
    expect(book.entries.map((e) => e.uid)).toEqual([0, 1, 2])
    expect(book.entries.every((e) => e.isConstant && e.keys.length === 0 && e.position === 1 && e.depth === 4)).toBe(
      true
    )
    expect(book.entries[2]!.characterFilter).toEqual({ isExclude: false, names: ['Neloth'], tags: [] })
    expect(book.entries[0]!.characterFilter!.tags).toEqual(['449c7235-9bd7-4e72-9a18-06f498a5a342'])
    expect(book.entries[0]!.extra.characterFilterTwo).toEqual(original.entries['0']!.characterFilterTwo)
    expect(book.entries[0]!.caseSensitive).toBeNull()
  })

  it('imports old and new Eldoria files the same way, and both round-trip through World Info export', () => {
    const { service } = setup()
    for (const path of [skyrimPath, ...eldoriaPaths]) {
      const bytes = readFileSync(path)
      const original = JSON.parse(bytes.toString('utf8')) as { entries: Record<string, Json> }
      const book = service.import('book.json', bytes)
      expect(book.entryCount).toBe(Object.keys(original.entries).length)
      const exported = JSON.parse(service.export(book.id, 'st-worldinfo').text) as { entries: Record<string, Json> }
      expect(Object.keys(exported.entries)).toEqual(Object.keys(original.entries))
      // Nothing that came in is lost: every original field is in the export with its value.
      for (const [uid, entry] of Object.entries(original.entries)) expect(exported.entries[uid]).toMatchObject(entry)
      const again = service.import('again.json', Buffer.from(JSON.stringify(exported)))
      expect(again.entries.map(({ id: _, ...e }) => e)).toEqual(book.entries.map(({ id: _, ...e }) => e))
    }
  })

  it('imports a card (PNG) lorebook and a World Info file with originalData; card-book export keeps ST fields', () => {
    const { service } = setup()
    const card = service.import(
      'Seraphina.v2.png',
      readFileSync(join(data, 'character-cards', 'cards', 'Seraphina.v2.png'))
    )
    expect(card.entryCount).toBe(4)
    const cardJson = JSON.parse(
      readFileSync(join(data, 'character-cards', 'cards', 'Seraphina.v2.chara.json'), 'utf8')
    ) as {
      data: { character_book: { entries: Json[] } }
    }
    const exported = JSON.parse(service.export(card.id, 'card-book').text) as { entries: Json[] }
    cardJson.data.character_book.entries.forEach((entry, i) => expect(exported.entries[i]).toMatchObject(entry))

    const world = {
      entries: {
        '7': {
          uid: 7,
          key: ['forest'],
          keysecondary: ['night'],
          selectiveLogic: 2,
          content: 'Wolves.',
          probability: 40,
          group: 'g',
          mystery: 1
        }
      },
      originalData: { name: 'From a card', entries: [], scan_depth: 5, token_budget: 300, recursive_scanning: false }
    }
    const book = service.import('w.json', Buffer.from(JSON.stringify(world)))
    expect(book).toMatchObject({ scanDepth: 5, tokenBudget: 300, isRecursive: false })
    expect(book.entries[0]).toMatchObject({
      uid: 7,
      selectiveLogic: 2,
      probability: 40,
      group: 'g',
      extra: { mystery: 1 }
    })
    const back = JSON.parse(service.export(book.id, 'st-worldinfo').text) as Json
    expect(back).toMatchObject(world)
    // A card book made from World Info, read again, gives the same entries (no field lost on the way).
    const viaCard = service.import('c.json', Buffer.from(service.export(book.id, 'card-book').text))
    expect(viaCard.entries.map(({ id: _, ...e }) => e)).toEqual(book.entries.map(({ id: _, ...e }) => e))
  })

  it('imports NovelAI .lorebook files as SillyTavern converts them', () => {
    const { service } = setup()
    const nai = {
      lorebookVersion: 5,
      entries: [
        {
          text: 'Aria is a knight.',
          keys: ['Aria'],
          displayName: 'Aria',
          enabled: true,
          contextConfig: { budgetPriority: 400, insertionPosition: -1 },
          searchRange: 1000
        },
        { text: 'Old lore.', keys: ['old'], displayName: '', enabled: false, contextConfig: {} }
      ],
      categories: [{ name: 'People' }]
    }
    const book = service.import('world.lorebook', Buffer.from(JSON.stringify(nai)))
    expect(book.name).toBe('world')
    expect(book.entries.map((e) => [e.keys, e.content, e.comment, e.isEnabled, e.order])).toEqual([
      [['Aria'], 'Aria is a knight.', 'Aria', true, 400],
      [['old'], 'Old lore.', '', false, 0]
    ])
    expect(book.extra).toMatchObject({ novelAi: { lorebookVersion: 5, categories: nai.categories } })
    expect(book.entries[0]!.extra).toMatchObject({ novelAi: { searchRange: 1000 } })
  })

  it('refuses 50,000 entries, cut-short JSON and non-lorebooks with typed errors, storing nothing', () => {
    const { service } = setup()
    const entries = Object.fromEntries(
      Array.from({ length: 50_000 }, (_, i) => [String(i), { uid: i, key: [`k${i}`], content: 'x' }])
    )
    expect(MAX_LOREBOOK_ENTRIES).toBeLessThan(50_000)
    const big = captureError(() => service.import('big.json', Buffer.from(JSON.stringify({ entries }))))
    expect(big.code).toBe('LOREBOOK_TOO_LARGE')
    const eldoria = readFileSync(eldoriaPaths[0]!)
    expect(captureError(() => service.import('cut.json', eldoria.subarray(0, 500))).code).toBe('FILE_INVALID')
    expect(captureError(() => service.import('x.json', Buffer.from('{"hello":1}'))).code).toBe('FILE_INVALID')
    expect(captureError(() => service.import('x.json', Buffer.alloc(0))).code).toBe('FILE_INVALID')
    expect(service.list()).toEqual([])
  })

  it('attaches to a character, a chat or globally; the hook fires entries there only and names them', () => {
    const { db, service, character, characters, chat, user } = setup()
    const other = characters.insert(user.id, { ...blankCharacterDraft(), name: 'Other' })
    const book = service.create('Places')
    const updated = service.update({
      id: book.id,
      upsertEntries: [{ ...book.entries[0], ...newEntry('Whiterun is a city of the plains.', ['whiterun']) }]
    })
    const entryId = updated.entries[0]!.id
    const hooks = createLorebookHooks({
      lorebooks: service,
      countTokens: () => null,
      timedEffects: new LoreTimedEffectRepository(db)
    })
    const fire = (characterId: string, chatId: string) => {
      const scope = {
        chat: { ...chat, id: chatId, characterId },
        character: characters.get(characterId),
        user: { id: user.id, name: 'Dovahkiin', description: '' }
      }
      return hooks.placeLore!(scope, [message('Take me to Whiterun')], 1)
    }
    expect(fire(character.id, chat.id).entryIds).toEqual([])
    service.attach(book.id, { kind: 'character', characterId: character.id }, true)
    const fired = fire(character.id, chat.id)
    expect(fired.entryIds).toEqual([entryId])
    // A new entry is SillyTavern's default: before the character's definitions.
    expect(fired.beforeCharacter).toEqual(['Whiterun is a city of the plains.'])
    expect(fire(other.id, 'another-chat').entryIds).toEqual([])
    service.attach(book.id, { kind: 'character', characterId: character.id }, false)
    service.attach(book.id, { kind: 'chat', chatId: chat.id }, true)
    expect(fire(character.id, chat.id).entryIds).toEqual([entryId])
    expect(fire(character.id, 'another-chat').entryIds).toEqual([])
    service.attach(book.id, { kind: 'global' }, true)
    expect(fire(other.id, 'another-chat').entryIds).toEqual([entryId])
    expect(service.usedEntries([entryId, 'gone'])).toEqual([
      expect.objectContaining({ id: entryId, lorebookName: 'Places', keys: ['whiterun'] })
    ])
    // Editing an entry changes what fires; deleting the book leaves a reply's used list empty, not broken.
    service.update({ id: book.id, upsertEntries: [{ ...updated.entries[0]!, keys: ['riverwood'] }] })
    expect(fire(character.id, chat.id).entryIds).toEqual([])
    service.delete(book.id)
    expect(service.usedEntries([entryId])).toEqual([])
  })

  it("a character's own card book fires too, and its entries are named in the used list", () => {
    const { db, service, characters, user, chat } = setup()
    const seraphina = decodeCard(
      's.png',
      readFileSync(join(data, 'character-cards', 'cards', 'Seraphina.v2.png'))
    ).draft
    const character = characters.insert(user.id, seraphina)
    const hooks = createLorebookHooks({
      lorebooks: service,
      countTokens: () => null,
      timedEffects: new LoreTimedEffectRepository(db)
    })
    const key = seraphina.lorebook!.entries[0]!.keys[0]!
    const scope = {
      chat: { ...chat, characterId: character.id },
      character,
      user: { id: user.id, name: 'U', description: '' }
    }
    const fired = hooks.placeLore!(scope, [message(`Tell me about ${key}`)], 1)
    expect(fired.entryIds.length).toBeGreaterThan(0)
    const used = service.usedEntries(fired.entryIds)
    expect(used.map((u) => u.content)).toContain(seraphina.lorebook!.entries[0]!.content)
  })
})

function newEntry(content: string, keys: string[]) {
  return { ...defaultLoreEntry(0), keys, content }
}

function message(content: string): Message {
  return makeMessage('m1', 'user', content, {
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z'
  })
}

function captureError(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}
