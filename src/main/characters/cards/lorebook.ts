import type { Lorebook, LorebookEntry } from '../../../shared/domain'

type Json = Record<string, unknown>

const ENTRY_FIELDS = [
  'keys',
  'secondary_keys',
  'content',
  'comment',
  'enabled',
  'constant',
  'selective',
  'insertion_order',
  'case_sensitive'
]
const BOOK_FIELDS = ['name', 'description', 'scan_depth', 'token_budget', 'recursive_scanning', 'entries', 'extensions']

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
const rest = (object: Json, known: readonly string[]): Json =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !known.includes(key)))

/** Card V2/V3 `character_book` -> our lorebook; fields we do not model are kept in `extra` for export. */
export function lorebookFromCard(book: unknown): Lorebook | null {
  if (!book || typeof book !== 'object') return null
  const b = book as Json
  const entries = Array.isArray(b.entries) ? b.entries : []
  return {
    name: typeof b.name === 'string' ? b.name : '',
    description: typeof b.description === 'string' ? b.description : '',
    scanDepth: typeof b.scan_depth === 'number' ? b.scan_depth : null,
    tokenBudget: typeof b.token_budget === 'number' ? b.token_budget : null,
    isRecursive: b.recursive_scanning === true,
    entries: entries
      .filter((e): e is Json => !!e && typeof e === 'object')
      .map((e): LorebookEntry => ({
        keys: strings(e.keys),
        secondaryKeys: strings(e.secondary_keys),
        content: typeof e.content === 'string' ? e.content : '',
        comment: typeof e.comment === 'string' ? e.comment : '',
        isEnabled: e.enabled !== false,
        isConstant: e.constant === true,
        isSelective: e.selective === true,
        insertionOrder: typeof e.insertion_order === 'number' ? e.insertion_order : 100,
        caseSensitive: e.case_sensitive === true,
        extra: rest(e, ENTRY_FIELDS)
      })),
    // The spec requires `extensions` on export; an empty one carries nothing worth keeping.
    extra: {
      ...rest(b, BOOK_FIELDS),
      ...(b.extensions && typeof b.extensions === 'object' && Object.keys(b.extensions).length > 0
        ? { extensions: b.extensions }
        : {})
    }
  }
}

export function lorebookToCard(book: Lorebook): Json {
  return {
    ...book.extra,
    name: book.name,
    description: book.description,
    ...(book.scanDepth !== null ? { scan_depth: book.scanDepth } : {}),
    ...(book.tokenBudget !== null ? { token_budget: book.tokenBudget } : {}),
    recursive_scanning: book.isRecursive,
    entries: book.entries.map((e) => ({
      ...e.extra,
      keys: e.keys,
      secondary_keys: e.secondaryKeys,
      content: e.content,
      comment: e.comment,
      enabled: e.isEnabled,
      constant: e.isConstant,
      selective: e.isSelective,
      insertion_order: e.insertionOrder,
      case_sensitive: e.caseSensitive
    })),
    extensions: book.extra.extensions ?? {}
  }
}
