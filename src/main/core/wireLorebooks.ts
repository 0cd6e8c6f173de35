import { decodeCard } from '../characters/cards/decodeCard'
import { lorebookToCard } from '../characters/cards/lorebook'
import { LorebookRepository } from '../db/repositories/LorebookRepository'
import { LorebookService } from '../lorebooks/LorebookService'
import type { Stores } from './openStores'

/** Lorebooks meet characters here: a card's own book is read through the characters capability. */
export function wireLorebooks({ db, user, characters }: Stores): LorebookService {
  return new LorebookService({
    repository: new LorebookRepository(db),
    userId: user.id,
    readCardBook: (fileName, bytes) => {
      const book = decodeCard(fileName, bytes).draft.lorebook
      return book ? lorebookToCard(book) : null
    },
    characterBook: (characterId) => {
      const character = characters.get(characterId)
      return character.lorebook && character.lorebook.entries.length > 0
        ? { name: character.lorebook.name || `${character.name}'s lorebook`, book: lorebookToCard(character.lorebook) }
        : null
    }
  })
}
