import type { Lorebook, LorebookEntry } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'

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
    extensions: (book.extra.extensions as Json | undefined) ?? {}
  }
}

/** SillyTavern World Info files: `{entries: {"<uid>": {key, keysecondary, content, disable, order, ...}}}`. */
export function importWorldInfo(json: unknown, name = 'World Info'): Lorebook {
  const entries = (json as { entries?: unknown } | null)?.entries
  if (!entries || typeof entries !== 'object')
    throw new AppError('CARD_INVALID', 'This is not a World Info file (it has no entries).')
  return {
    name,
    description: '',
    scanDepth: null,
    tokenBudget: null,
    isRecursive: false,
    entries: Object.values(entries as Record<string, Json>).map((e) => ({
      keys: strings(e.key),
      secondaryKeys: strings(e.keysecondary),
      content: typeof e.content === 'string' ? e.content : '',
      comment: typeof e.comment === 'string' ? e.comment : '',
      isEnabled: e.disable !== true,
      isConstant: e.constant === true,
      isSelective: e.selective === true,
      insertionOrder: typeof e.order === 'number' ? e.order : 100,
      caseSensitive: e.caseSensitive === true,
      extra: rest(e, [
        'key',
        'keysecondary',
        'content',
        'comment',
        'disable',
        'constant',
        'selective',
        'order',
        'caseSensitive'
      ])
    })),
    extra: {}
  }
}

/** Entries triggered by the recent text, the way SillyTavern scans: keywords, secondary keys, constants, order. */
export function matchLorebook(book: Lorebook, recentTexts: readonly string[], maxChars = 2000): LorebookEntry[] {
  const haystack = recentTexts.join('\n')
  const has = (key: string, caseSensitive: boolean): boolean => {
    const escaped = key.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    if (!escaped) return false
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu').test(haystack)
  }
  const hits = book.entries.filter((e) => {
    if (!e.isEnabled) return false
    if (e.isConstant) return true
    if (!e.keys.some((k) => has(k, e.caseSensitive))) return false
    return !e.isSelective || e.secondaryKeys.length === 0 || e.secondaryKeys.some((k) => has(k, e.caseSensitive))
  })
  const chosen: LorebookEntry[] = []
  let used = 0
  for (const entry of [...hits].sort((a, b) => a.insertionOrder - b.insertionOrder)) {
    if (used + entry.content.length > maxChars) continue
    chosen.push(entry)
    used += entry.content.length
  }
  return chosen
}
