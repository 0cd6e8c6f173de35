import type { LoreCharacterFilter } from '../../shared/domain'
import { AppError } from '../../shared/errors'
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

/** World Info entry fields we model; everything else stays in `extra`. */
const WI_FIELDS = [
  'uid',
  'key',
  'keysecondary',
  'selectiveLogic',
  'content',
  'comment',
  'disable',
  'constant',
  'selective',
  'order',
  'position',
  'depth',
  'role',
  'probability',
  'useProbability',
  'group',
  'groupOverride',
  'groupWeight',
  'useGroupScoring',
  'sticky',
  'cooldown',
  'delay',
  'caseSensitive',
  'matchWholeWords',
  'scanDepth',
  'excludeRecursion',
  'preventRecursion',
  'characterFilter'
]

export function characterFilterOf(value: unknown): LoreCharacterFilter | null {
  if (!isObject(value)) return null
  return { isExclude: value.isExclude === true, names: keyList(value.names), tags: keyList(value.tags) }
}

/** One SillyTavern World Info entry (any version's fields) as ours. */
export function entryFromWorldInfo(raw: Json, fallbackUid: number): LoreEntryDraft {
  const base = defaultLoreEntry(numberOr(raw.uid, fallbackUid))
  return {
    ...base,
    keys: keyList(raw.key),
    secondaryKeys: keyList(raw.keysecondary),
    selectiveLogic: Math.min(Math.max(Math.trunc(numberOr(raw.selectiveLogic, 0)), 0), 3),
    content: typeof raw.content === 'string' ? raw.content : '',
    comment: typeof raw.comment === 'string' ? raw.comment : '',
    isEnabled: raw.disable !== true,
    isConstant: raw.constant === true,
    // Entries from before `selective` existed used their secondary keys whenever they had some.
    isSelective: typeof raw.selective === 'boolean' ? raw.selective : true,
    order: numberOr(raw.order, base.order),
    position: Math.min(Math.max(Math.trunc(numberOr(raw.position, 0)), 0), 7),
    depth: numberOr(raw.depth, base.depth),
    role: roleOrNull(raw.role),
    // Old conversions wrote probability null with useProbability false: always used.
    probability: Math.min(Math.max(numberOr(raw.probability, 100), 0), 100),
    useProbability: typeof raw.useProbability === 'boolean' ? raw.useProbability : raw.probability != null,
    group: typeof raw.group === 'string' ? raw.group : '',
    groupOverride: raw.groupOverride === true,
    groupWeight: numberOr(raw.groupWeight, base.groupWeight),
    useGroupScoring: booleanOrNull(raw.useGroupScoring),
    sticky: numberOrNull(raw.sticky),
    cooldown: numberOrNull(raw.cooldown),
    delay: numberOrNull(raw.delay),
    caseSensitive: booleanOrNull(raw.caseSensitive),
    matchWholeWords: booleanOrNull(raw.matchWholeWords),
    scanDepth: numberOrNull(raw.scanDepth),
    excludeRecursion: raw.excludeRecursion === true,
    preventRecursion: raw.preventRecursion === true,
    characterFilter: characterFilterOf(raw.characterFilter),
    extra: omit(raw, WI_FIELDS)
  }
}

/** Ours as a SillyTavern World Info entry: unknown fields first, so ours (the edited values) win. */
export function entryToWorldInfo(entry: LoreEntryDraft): Json {
  return {
    ...entry.extra,
    uid: entry.uid,
    key: entry.keys,
    keysecondary: entry.secondaryKeys,
    comment: entry.comment,
    content: entry.content,
    constant: entry.isConstant,
    selective: entry.isSelective,
    selectiveLogic: entry.selectiveLogic,
    order: entry.order,
    position: entry.position,
    disable: !entry.isEnabled,
    probability: entry.probability,
    useProbability: entry.useProbability,
    depth: entry.depth,
    role: entry.role,
    group: entry.group,
    groupOverride: entry.groupOverride,
    groupWeight: entry.groupWeight,
    useGroupScoring: entry.useGroupScoring,
    sticky: entry.sticky,
    cooldown: entry.cooldown,
    delay: entry.delay,
    scanDepth: entry.scanDepth,
    caseSensitive: entry.caseSensitive,
    matchWholeWords: entry.matchWholeWords,
    excludeRecursion: entry.excludeRecursion,
    preventRecursion: entry.preventRecursion,
    ...(entry.characterFilter ? { characterFilter: entry.characterFilter } : {})
  }
}

/**
 * A SillyTavern World Info file: `{entries: {"<uid>": entry}}` (an array in a few exporters), possibly with
 * `originalData` holding the card book it was imported from; every other top-level field is kept.
 */
export function fromWorldInfo(json: Json, name: string): LorebookDraft {
  const raw = json.entries
  const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.entries(raw).map(([, v]) => v) : null
  if (!list) throw new AppError('FILE_INVALID', 'This is not a World Info file: it has no entries.')
  const original = isObject(json.originalData) ? json.originalData : null
  return {
    name: typeof json.name === 'string' && json.name ? json.name : name,
    description: typeof original?.description === 'string' ? original.description : '',
    scanDepth: numberOrNull(original?.scan_depth),
    tokenBudget: numberOrNull(original?.token_budget),
    isRecursive: typeof original?.recursive_scanning === 'boolean' ? original.recursive_scanning : true,
    entries: list.filter(isObject).map((entry, index) => entryFromWorldInfo(entry, index)),
    extra: omit(json, ['entries'])
  }
}

export function toWorldInfo(book: LorebookDraft): Json {
  return {
    ...book.extra,
    entries: Object.fromEntries(book.entries.map((entry) => [String(entry.uid), entryToWorldInfo(entry)]))
  }
}
