import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Core } from '../src/main/core'
import { lorebookToCard } from '../src/main/characters/cards/lorebook'
import { fromCardBook } from '../src/main/lorebooks/cardBookFormat'
import { blankCharacterDraft, defaultLoreEntry, type Character, type LoreEntryDraft } from '../src/shared/domain'
import { sharedDir } from './helpers/sharedPaths'
import { useTestCore } from './helpers/useTestCore'

const seraphinaPng = join(sharedDir, 'data', 'character-cards', 'cards', 'Seraphina.v2.png')

/** The entries of a character's card book as lorebook entries, without what numbering changes. */
const cardEntries = (character: Character): Omit<LoreEntryDraft, 'uid'>[] =>
  fromCardBook(lorebookToCard(character.lorebook!), 'x').entries.map(({ uid, ...entry }) => (void uid, entry))

describe("a character's card export carries the lorebooks attached to it", () => {
  let core: Core
  useTestCore((created) => (core = created))

  it('merges them into its card book after its own entries, every field kept, for CHARX and PNG alike', async () => {
    const seraphina = await core.characterService.importCard('Seraphina.v2.png', readFileSync(seraphinaPng))
    const own = seraphina.lorebook!.entries.length
    const rich: LoreEntryDraft = {
      ...defaultLoreEntry(0),
      keys: ['moon', '/lun(a|e)/i'],
      secondaryKeys: ['night'],
      selectiveLogic: 3,
      content: 'The moon is two-faced.',
      comment: 'Moon',
      position: 4,
      depth: 3,
      role: 2,
      sticky: 2,
      cooldown: 1,
      delay: 4,
      group: 'sky',
      groupOverride: true,
      groupWeight: 30,
      useGroupScoring: true,
      caseSensitive: true,
      matchWholeWords: false,
      probability: 60,
      characterFilter: { isExclude: true, names: ['Kazuma'], tags: [] },
      extra: { automationId: 'moon-1', vectorized: false }
    }
    const book = core.lorebooks.create('Sky')
    core.lorebooks.update({
      id: book.id,
      scanDepth: 5,
      isRecursive: false,
      upsertEntries: [rich, { ...defaultLoreEntry(0), keys: ['star'], content: 'Stars sing.', scanDepth: 9 }]
    })
    core.lorebooks.attach(book.id, { kind: 'character', characterId: seraphina.id }, true)
    // Books used in every chat or in one chat are not the character's: they stay out.
    const global = core.lorebooks.create('Everywhere')
    core.lorebooks.update({ id: global.id, upsertEntries: [{ ...defaultLoreEntry(0), keys: ['x'], content: 'no' }] })
    core.lorebooks.attach(global.id, { kind: 'global' }, true)

    for (const format of ['charx', 'png-v3'] as const) {
      const file = await core.characterService.exportCard(seraphina.id, format)
      const back = await core.characterService.importCard(file.fileName, file.bytes)
      const entries = cardEntries(back)
      expect(entries).toHaveLength(own + 2)
      // Its own entries come first, unchanged.
      expect(entries.slice(0, own)).toEqual(cardEntries(seraphina))
      // The attached book's entries keep every field; its scan depth and no-recursion now sit in each entry.
      const { uid, ...richFields } = rich
      void uid
      expect(entries[own]).toEqual({ ...richFields, scanDepth: 5, excludeRecursion: true, preventRecursion: true })
      expect(entries[own + 1]).toMatchObject({ keys: ['star'], scanDepth: 9, excludeRecursion: true })
      // Card entry ids stay unique, so SillyTavern keeps every entry.
      const ids = back.lorebook!.entries.map((e) => e.extra.id)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  it('gives a character without a card book one made of its attached books', async () => {
    const plain = core.characters.insert(core.userId, { ...blankCharacterDraft(), name: 'Plain' })
    const book = core.lorebooks.create('Plain lore')
    core.lorebooks.update({ id: book.id, upsertEntries: [{ ...defaultLoreEntry(0), keys: ['k'], content: 'c' }] })
    core.lorebooks.attach(book.id, { kind: 'character', characterId: plain.id }, true)
    const file = await core.characterService.exportCard(plain.id, 'json-v2')
    const back = await core.characterService.importCard(file.fileName, file.bytes)
    expect(back.lorebook?.name).toBe('Plain lore')
    expect(cardEntries(back).map((e) => e.content)).toEqual(['c'])
  })
})
