import type { LorebookData, LoreEntry, LoreEntryDraft, LorebookDraft } from '../../shared/domain'

export type { LoreEntryDraft, LorebookDraft }

export type Json = Record<string, unknown>

export type StoredBook = Pick<LorebookData, 'id' | 'name'> & LorebookDraft & { entries: LoreEntry[] }

export const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value)

/** Keys as SillyTavern stores them: an array, or (very old files, Risu) one comma-separated string. */
export const keyList = (value: unknown): string[] => {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

export const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

export const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

export const booleanOrNull = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)

export const omit = (object: Json, known: readonly string[]): Json =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !known.includes(key)))

/** SillyTavern's defaults for a new entry (world-info.js `newWorldInfoEntryTemplate`). */
export function defaultLoreEntry(uid: number): LoreEntryDraft {
  return {
    uid,
    keys: [],
    secondaryKeys: [],
    selectiveLogic: 0,
    content: '',
    comment: '',
    isEnabled: true,
    isConstant: false,
    isSelective: true,
    order: 100,
    position: 0,
    depth: 4,
    probability: 100,
    useProbability: true,
    group: '',
    groupOverride: false,
    groupWeight: 100,
    caseSensitive: null,
    matchWholeWords: null,
    scanDepth: null,
    excludeRecursion: false,
    preventRecursion: false,
    characterFilter: null,
    extra: {}
  }
}
