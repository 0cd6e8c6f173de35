import { AppError } from '../../shared/errors'
import { fromCardBook } from './cardBookFormat'
import { isObject, type Json, type LorebookDraft } from './loreTypes'
import { fromNovelAi } from './novelAiFormat'
import { fromWorldInfo } from './worldInfoFormat'

export const MAX_LOREBOOK_BYTES = 32 * 1024 * 1024
/** SillyTavern users' largest books hold a few thousand entries; far more is a broken or hostile file. */
export const MAX_LOREBOOK_ENTRIES = 10_000

/** Reads the card inside a PNG (the characters capability knows how); null when it has no lorebook. */
export type ReadCardBook = (fileName: string, bytes: Uint8Array) => Json | null

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47]

/**
 * A lorebook file from another app: SillyTavern World Info (any version), a Character Card (JSON or PNG) or a bare
 * `character_book`, or a NovelAI `.lorebook`. Too large or too many entries is refused before anything is built.
 */
export function readLorebookFile(fileName: string, bytes: Uint8Array, readCardBook: ReadCardBook): LorebookDraft {
  if (bytes.byteLength === 0) throw new AppError('FILE_INVALID', `${fileName} is empty.`)
  if (bytes.byteLength > MAX_LOREBOOK_BYTES)
    throw new AppError(
      'FILE_TOO_LARGE',
      `${fileName} is ${Math.round(bytes.byteLength / 1024 / 1024)} MB; lorebooks up to ${MAX_LOREBOOK_BYTES / 1024 / 1024} MB can be imported.`
    )
  const name = fileName.replace(/\.(json|lorebook|png)$/i, '').trim() || 'Lorebook'
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    const book = readCardBook(fileName, bytes)
    if (!book) throw new AppError('FILE_INVALID', `${fileName} is a character card without a lorebook.`)
    return checked(fromCardBook(book, name))
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''))
  } catch (cause) {
    throw new AppError('FILE_INVALID', `${fileName} is not valid JSON (it may be cut short).`, { cause })
  }
  if (!isObject(json)) throw new AppError('FILE_INVALID', `${fileName} is not a lorebook.`)
  countEntries(json.entries)
  if (json.lorebookVersion !== undefined) return checked(fromNovelAi(json, name))
  const data = isObject(json.data) ? json.data : null
  if (data && (json.spec === 'chara_card_v2' || json.spec === 'chara_card_v3' || isObject(data.character_book))) {
    if (!isObject(data.character_book))
      throw new AppError('FILE_INVALID', `${fileName} is a character card without a lorebook.`)
    countEntries(data.character_book.entries)
    return checked(fromCardBook(data.character_book, name))
  }
  const isCardBook =
    Array.isArray(json.entries) && json.entries.some((e) => isObject(e) && ('keys' in e || 'insertion_order' in e))
  if (isCardBook) return checked(fromCardBook(json, name))
  if (json.entries !== undefined) return checked(fromWorldInfo(json, name))
  throw new AppError(
    'FILE_INVALID',
    `${fileName} is not a lorebook this app reads (SillyTavern World Info, a card's character_book, NovelAI).`
  )
}

function countEntries(entries: unknown): void {
  const count = Array.isArray(entries) ? entries.length : isObject(entries) ? Object.keys(entries).length : 0
  if (count > MAX_LOREBOOK_ENTRIES) throw tooMany(count)
}

function checked(book: LorebookDraft): LorebookDraft {
  if (book.entries.length > MAX_LOREBOOK_ENTRIES) throw tooMany(book.entries.length)
  return book
}

const tooMany = (count: number): AppError =>
  new AppError(
    'LOREBOOK_TOO_LARGE',
    `This lorebook has ${count.toLocaleString('en')} entries; up to ${MAX_LOREBOOK_ENTRIES.toLocaleString('en')} can be imported. Nothing was imported.`
  )
