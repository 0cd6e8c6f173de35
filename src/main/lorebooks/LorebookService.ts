import type { LorebookExportFormat, LorebookUpdateInput } from '../../shared/contract'
import type { LorebookAttachment, LorebookData, LorebookSummary, LoreEntry, UsedLoreEntry } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { LorebookRepository } from '../db/repositories/LorebookRepository'
import { fromCardBook, toCardBook } from './cardBookFormat'
import type { Json, LoreEntryDraft, LorebookDraft } from './loreTypes'
import { MAX_LOREBOOK_ENTRIES, readLorebookFile, type ReadCardBook } from './readLorebookFile'
import { toWorldInfo } from './worldInfoFormat'

export interface LorebookServiceDeps {
  repository: LorebookRepository
  userId: string
  /** The lorebook inside a character card PNG, read by the characters capability. */
  readCardBook: ReadCardBook
  /** A character's own (card) lorebook as a card `character_book`, or null. */
  characterBook: (characterId: string) => { name: string; book: Json } | null
}

/** The entry id a character's own (card) book entry has in "used" lists: it lives in the character, not here. */
const cardEntryId = (characterId: string, uid: number): string => `card:${characterId}:${uid}`

/** First-class lorebooks: import from SillyTavern, cards and NovelAI, edit, attach, export; and which apply where. */
export class LorebookService {
  constructor(private readonly deps: LorebookServiceDeps) {}

  list(): LorebookSummary[] {
    return this.deps.repository.list(this.deps.userId)
  }

  get(id: string): LorebookData {
    return this.deps.repository.get(id)
  }

  create(name: string): LorebookData {
    return this.deps.repository.insert(this.deps.userId, {
      name,
      description: '',
      scanDepth: null,
      tokenBudget: null,
      isRecursive: true,
      entries: [],
      extra: {}
    })
  }

  /** A lorebook file as a new, unattached lorebook (all of it, or nothing on any error). */
  import(fileName: string, bytes: Uint8Array): LorebookData {
    return this.deps.repository.insert(this.deps.userId, readLorebookFile(fileName, bytes, this.deps.readCardBook))
  }

  /** A new lorebook from a book other importers (Backyard archives) read themselves. */
  importDraft(draft: LorebookDraft): LorebookData {
    if (draft.entries.length > MAX_LOREBOOK_ENTRIES)
      throw new AppError('LOREBOOK_TOO_LARGE', `A lorebook holds up to ${MAX_LOREBOOK_ENTRIES} entries.`)
    return this.deps.repository.insert(this.deps.userId, draft)
  }

  update(input: LorebookUpdateInput): LorebookData {
    const { id, upsertEntries, deleteEntryIds, ...meta } = input
    const book = this.deps.repository.get(id)
    const added = (upsertEntries ?? []).filter((e) => !e.id).length
    if (book.entries.length + added > MAX_LOREBOOK_ENTRIES)
      throw new AppError('LOREBOOK_TOO_LARGE', `A lorebook holds up to ${MAX_LOREBOOK_ENTRIES} entries.`)
    if (Object.keys(meta).length > 0) this.deps.repository.updateMeta(id, meta)
    if (upsertEntries?.length) this.deps.repository.upsertEntries(id, upsertEntries)
    if (deleteEntryIds?.length) this.deps.repository.deleteEntries(id, deleteEntryIds)
    return this.deps.repository.get(id)
  }

  delete(id: string): void {
    this.deps.repository.delete(id)
  }

  attach(id: string, target: LorebookAttachment, isAttached: boolean): LorebookData {
    this.deps.repository.setAttached(id, target, isAttached)
    return this.deps.repository.get(id)
  }

  export(id: string, format: LorebookExportFormat): { fileName: string; text: string } {
    const book = this.deps.repository.get(id)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    const base = book.name.replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').trim() || 'lorebook'
    const json = format === 'st-worldinfo' ? toWorldInfo(book) : toCardBook(book)
    return {
      fileName: format === 'st-worldinfo' ? `${base}.json` : `${base}.character_book.json`,
      text: JSON.stringify(json, null, 2)
    }
  }

  /**
   * The lorebooks attached to a character as card books, for its card export. Each book's scan depth and recursion
   * setting move into its entries (as entriesFor applies them), so merged into the character's one card book they
   * behave as they did here.
   */
  cardBooksFor(characterId: string): Json[] {
    return this.deps.repository
      .booksOfCharacter(characterId)
      .map((book) => toCardBook({ ...book, entries: book.entries.map((entry) => withBookSettings(entry, book)) }))
  }

  /**
   * Every lore entry that applies to a chat: global books, the character's, the chat's, and the character's own card
   * book. Book settings become the entries' defaults (a book's scan depth; a book without recursion neither
   * triggers nor is triggered by other entries' text).
   */
  entriesFor(characterId: string, chatId: string): { entries: LoreEntry[]; tokenBudget: number | null } {
    const books: Pick<LorebookData, 'entries' | 'scanDepth' | 'tokenBudget' | 'isRecursive'>[] = [
      ...this.deps.repository.booksFor(characterId, chatId)
    ]
    const own = this.deps.characterBook(characterId)
    if (own) {
      const draft = fromCardBook(own.book, own.name)
      books.push({ ...draft, entries: draft.entries.map((e) => ({ ...e, id: cardEntryId(characterId, e.uid) })) })
    }
    const budgets = books.map((b) => b.tokenBudget).filter((b): b is number => b !== null)
    return {
      entries: books.flatMap((book) => book.entries.map((entry) => withBookSettings(entry, book))),
      tokenBudget: budgets.length > 0 ? Math.min(...budgets) : null
    }
  }

  /** The entries with these ids, for a reply's "used" list (entries deleted since are left out). */
  usedEntries(ids: readonly string[]): UsedLoreEntry[] {
    const stored = new Map(this.deps.repository.entriesByIds(ids).map((found) => [found.entry.id, found]))
    return ids.flatMap((id): UsedLoreEntry[] => {
      const found = stored.get(id)
      if (found) return [{ ...pick(found.entry), lorebookId: found.lorebookId, lorebookName: found.lorebookName }]
      const card = /^card:(.+):(-?\d+)$/.exec(id)
      const own = card ? this.deps.characterBook(card[1]!) : null
      if (!card || !own) return []
      const entry = fromCardBook(own.book, own.name).entries.find((e) => e.uid === Number(card[2]))
      return entry ? [{ ...pick({ ...entry, id }), lorebookId: null, lorebookName: own.name }] : []
    })
  }
}

/** A book's settings as its entry's own: the book's scan depth by default; no recursion in or out of a book without it. */
function withBookSettings<T extends LoreEntryDraft>(
  entry: T,
  book: Pick<LorebookData, 'scanDepth' | 'isRecursive'>
): T {
  return {
    ...entry,
    scanDepth: entry.scanDepth ?? book.scanDepth,
    excludeRecursion: entry.excludeRecursion || !book.isRecursive,
    preventRecursion: entry.preventRecursion || !book.isRecursive
  }
}

const pick = (entry: LoreEntry): Pick<UsedLoreEntry, 'id' | 'comment' | 'keys' | 'content'> => ({
  id: entry.id,
  comment: entry.comment,
  keys: entry.keys,
  content: entry.content
})
