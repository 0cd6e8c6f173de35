import { AppError } from '../../shared/errors'
import { characterFilterOf } from './worldInfoFormat'
import {
  booleanOrNull,
  defaultLoreEntry,
  isObject,
  keyList,
  numberOr,
  numberOrNull,
  omit,
  roleOrNull,
  type Json,
  type LoreEntryDraft,
  type LorebookDraft
} from './loreTypes'

const CARD_ENTRY_FIELDS = [
  'id',
  'keys',
  'secondary_keys',
  'content',
  'comment',
  'enabled',
  'constant',
  'selective',
  'insertion_order',
  'position',
  'case_sensitive',
  'extensions'
]
/** SillyTavern's World Info fields inside a card entry's `extensions` (its convertCharacterBook). */
const ST_EXTENSION_FIELDS = [
  'position',
  'exclude_recursion',
  'prevent_recursion',
  'probability',
  'useProbability',
  'depth',
  'selectiveLogic',
  'group',
  'group_override',
  'group_weight',
  'use_group_scoring',
  'role',
  'sticky',
  'cooldown',
  'delay',
  'scan_depth',
  'case_sensitive',
  'match_whole_words',
  'world_info',
  'character_filter'
]
const CARD_BOOK_FIELDS = ['name', 'description', 'scan_depth', 'token_budget', 'recursive_scanning', 'entries']

/** A Character Card V2/V3 `character_book` entry, with SillyTavern's extensions, as ours. */
function entryFromCard(raw: Json, index: number): LoreEntryDraft {
  const ext = isObject(raw.extensions) ? raw.extensions : {}
  const base = defaultLoreEntry(numberOr(raw.id, index))
  const cardOnly = omit(raw, CARD_ENTRY_FIELDS)
  const otherExtensions = omit(ext, ST_EXTENSION_FIELDS)
  return {
    ...base,
    keys: keyList(raw.keys),
    secondaryKeys: keyList(raw.secondary_keys),
    selectiveLogic: Math.min(Math.max(Math.trunc(numberOr(ext.selectiveLogic, 0)), 0), 3),
    content: typeof raw.content === 'string' ? raw.content : '',
    comment: typeof raw.comment === 'string' ? raw.comment : '',
    isEnabled: raw.enabled !== false,
    isConstant: raw.constant === true,
    isSelective: raw.selective === true,
    order: numberOr(raw.insertion_order, base.order),
    position: numberOr(ext.position, raw.position === 'before_char' ? 0 : 1),
    depth: numberOr(ext.depth, base.depth),
    role: roleOrNull(ext.role),
    probability: Math.min(Math.max(numberOr(ext.probability, 100), 0), 100),
    useProbability: ext.useProbability === true,
    group: typeof ext.group === 'string' ? ext.group : '',
    groupOverride: ext.group_override === true,
    groupWeight: numberOr(ext.group_weight, base.groupWeight),
    useGroupScoring: booleanOrNull(ext.use_group_scoring),
    sticky: numberOrNull(ext.sticky),
    cooldown: numberOrNull(ext.cooldown),
    delay: numberOrNull(ext.delay),
    caseSensitive: booleanOrNull(raw.case_sensitive) ?? booleanOrNull(ext.case_sensitive),
    matchWholeWords: booleanOrNull(ext.match_whole_words),
    scanDepth: numberOrNull(ext.scan_depth),
    excludeRecursion: ext.exclude_recursion === true,
    preventRecursion: ext.prevent_recursion === true,
    characterFilter: characterFilterOf(ext.character_filter),
    // Card-only fields (name, priority, use_regex...) and other extensions come back on a card export.
    extra: {
      ...(Object.keys(cardOnly).length > 0 ? { cardEntry: cardOnly } : {}),
      ...(Object.keys(otherExtensions).length > 0 ? { cardExtensions: otherExtensions } : {}),
      ...(isObject(ext.world_info) ? ext.world_info : {})
    }
  }
}

/** A card's `character_book` (or a bare one saved as JSON) as a lorebook draft. */
export function fromCardBook(book: Json, fallbackName: string): LorebookDraft {
  if (!Array.isArray(book.entries)) throw new AppError('FILE_INVALID', 'This lorebook has no entries.')
  return {
    name: typeof book.name === 'string' && book.name ? book.name : fallbackName,
    description: typeof book.description === 'string' ? book.description : '',
    scanDepth: numberOrNull(book.scan_depth),
    tokenBudget: numberOrNull(book.token_budget),
    isRecursive: typeof book.recursive_scanning === 'boolean' ? book.recursive_scanning : true,
    entries: book.entries.filter(isObject).map((entry, index) => entryFromCard(entry, index)),
    extra: { cardBook: omit(book, CARD_BOOK_FIELDS) }
  }
}

/** Ours as a card `character_book`, with SillyTavern's fields in each entry's extensions (as ST exports it). */
export function toCardBook(book: LorebookDraft): Json {
  const cardBook = isObject(book.extra.cardBook) ? book.extra.cardBook : {}
  return {
    ...cardBook,
    name: book.name,
    description: book.description,
    ...(book.scanDepth !== null ? { scan_depth: book.scanDepth } : {}),
    ...(book.tokenBudget !== null ? { token_budget: book.tokenBudget } : {}),
    recursive_scanning: book.isRecursive,
    extensions: isObject(cardBook.extensions) ? cardBook.extensions : {},
    entries: book.entries.map((entry) => {
      const cardEntry = isObject(entry.extra.cardEntry) ? entry.extra.cardEntry : {}
      const otherExtensions = isObject(entry.extra.cardExtensions) ? entry.extra.cardExtensions : {}
      // World Info fields a card has no place for (sticky, role, characterFilter...) ride along in extensions.
      const worldInfoOnly = omit(entry.extra, ['cardEntry', 'cardExtensions'])
      return {
        ...cardEntry,
        id: entry.uid,
        keys: entry.keys,
        secondary_keys: entry.secondaryKeys,
        comment: entry.comment,
        content: entry.content,
        constant: entry.isConstant,
        selective: entry.isSelective,
        insertion_order: entry.order,
        enabled: entry.isEnabled,
        position: entry.position === 0 ? 'before_char' : 'after_char',
        ...(entry.caseSensitive !== null ? { case_sensitive: entry.caseSensitive } : {}),
        extensions: {
          ...otherExtensions,
          ...(Object.keys(worldInfoOnly).length > 0 ? { world_info: worldInfoOnly } : {}),
          ...(entry.characterFilter ? { character_filter: entry.characterFilter } : {}),
          position: entry.position,
          exclude_recursion: entry.excludeRecursion,
          prevent_recursion: entry.preventRecursion,
          // SillyTavern writes null for "no draw"; so do we, so a card's book comes back as it came in.
          probability: !entry.useProbability && entry.probability === 100 ? null : entry.probability,
          useProbability: entry.useProbability,
          depth: entry.depth,
          selectiveLogic: entry.selectiveLogic,
          group: entry.group,
          group_override: entry.groupOverride,
          group_weight: entry.groupWeight,
          ...(entry.useGroupScoring !== null ? { use_group_scoring: entry.useGroupScoring } : {}),
          ...(entry.role !== null ? { role: entry.role } : {}),
          ...(entry.sticky !== null ? { sticky: entry.sticky } : {}),
          ...(entry.cooldown !== null ? { cooldown: entry.cooldown } : {}),
          ...(entry.delay !== null ? { delay: entry.delay } : {}),
          scan_depth: entry.scanDepth,
          case_sensitive: entry.caseSensitive,
          match_whole_words: entry.matchWholeWords
        }
      }
    })
  }
}
