import type { LorebookData, LoreEntry, LoreEntryDraft, LorebookDraft } from '../../shared/domain'
import { defaultLoreEntry } from '../../shared/domain'

export type { LoreEntryDraft, LorebookDraft }
export { defaultLoreEntry }

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

/** SillyTavern's `role` of an @depth entry (0 system, 1 user, 2 assistant); null when absent or unknown. */
export const roleOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ? value : null
