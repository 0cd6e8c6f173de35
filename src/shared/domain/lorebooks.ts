/** Lorebooks (World Info): entries, attachments and what a reply used. Plain JSON only: dates are ISO strings. */

/** SillyTavern's secondary-key logic, by its numeric value in World Info files (0..3). */
export const SELECTIVE_LOGICS = ['AND ANY', 'NOT ALL', 'NOT ANY', 'AND ALL'] as const

/** SillyTavern's World Info positions, by their numeric value (0..7). */
export const LORE_POSITIONS = [
  'Before character',
  'After character',
  "Before author's note",
  "After author's note",
  'At depth',
  'Before examples',
  'After examples',
  'Outlet'
] as const

/** Who an "At depth" lore block speaks as, by SillyTavern's numeric `role` (0..2). */
export const LORE_ROLES = ['system', 'user', 'assistant'] as const

/** Who a lore entry is for: SillyTavern's character filter (names and tags, or everyone but them). */
export interface LoreCharacterFilter {
  isExclude: boolean
  names: string[]
  tags: string[]
}

/** One entry of a first-class lorebook, with SillyTavern World Info's fields (its matching follows ST's rules). */
export interface LoreEntry {
  id: string
  /** SillyTavern's uid (the key of the entry in a World Info file). */
  uid: number
  keys: string[]
  secondaryKeys: string[]
  /** Index into SELECTIVE_LOGICS. */
  selectiveLogic: number
  content: string
  comment: string
  isEnabled: boolean
  isConstant: boolean
  /** Secondary keys count only when true (SillyTavern's `selective`). */
  isSelective: boolean
  /** Higher goes first when the budget runs out, and closer to the chat. */
  order: number
  /** Index into LORE_POSITIONS. */
  position: number
  /** Messages up from the chat's end, for position "At depth". */
  depth: number
  /** Who an "At depth" block speaks as: index into LORE_ROLES; null = system (SillyTavern's `role`). */
  role: number | null
  /** 0..100: chance the entry is used once its keys matched. */
  probability: number
  useProbability: boolean
  /** Inclusion groups (comma-separated): one entry per group fires. */
  group: string
  groupOverride: boolean
  groupWeight: number
  /** In a group, only the entries matching the most keys compete (SillyTavern's group scoring); null = app default. */
  useGroupScoring: boolean | null
  /** Once fired, stays in the prompt this many messages more without its keys (null or 0 = off). */
  sticky: number | null
  /** Once fired, cannot fire again for this many messages (null or 0 = off). */
  cooldown: number | null
  /** Cannot fire before the chat has this many messages (null or 0 = off). */
  delay: number | null
  /** null = the app's default. */
  caseSensitive: boolean | null
  matchWholeWords: boolean | null
  scanDepth: number | null
  excludeRecursion: boolean
  preventRecursion: boolean
  characterFilter: LoreCharacterFilter | null
  /** Fields we do not model (automationId, vectorized, unknown keys...), written back on export. */
  extra: Record<string, unknown>
}

export type LorebookAttachment =
  { kind: 'global' } | { kind: 'character'; characterId: string } | { kind: 'chat'; chatId: string }

export interface LorebookSummary {
  id: string
  name: string
  description: string
  entryCount: number
  /** Where it applies; none = kept but unused. */
  attachments: LorebookAttachment[]
  createdAt: string
  updatedAt: string
}

/** An entry before it is stored (ids are the store's). */
export type LoreEntryDraft = Omit<LoreEntry, 'id'>

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
    role: null,
    probability: 100,
    useProbability: true,
    group: '',
    groupOverride: false,
    groupWeight: 100,
    useGroupScoring: null,
    sticky: null,
    cooldown: null,
    delay: null,
    caseSensitive: null,
    matchWholeWords: null,
    scanDepth: null,
    excludeRecursion: false,
    preventRecursion: false,
    characterFilter: null,
    extra: {}
  }
}

/** A lorebook read from a file, before it is stored. */
export interface LorebookDraft {
  name: string
  description: string
  scanDepth: number | null
  tokenBudget: number | null
  isRecursive: boolean
  entries: LoreEntryDraft[]
  extra: Record<string, unknown>
}

export interface LorebookData extends LorebookSummary {
  /** Messages scanned for keys; null = the app's default (SillyTavern's 2). */
  scanDepth: number | null
  /** Tokens the fired entries may use; null = the app's default. */
  tokenBudget: number | null
  /** Entries' text can trigger other entries (SillyTavern's recursion), up to a few steps. */
  isRecursive: boolean
  entries: LoreEntry[]
  /** Book-level fields we do not model (e.g. `originalData`, NovelAI settings), written back on export. */
  extra: Record<string, unknown>
}

/** A lore entry a reply used, with the book it came from (the "used" list under a reply). */
export interface UsedLoreEntry {
  id: string
  lorebookId: string | null
  lorebookName: string
  comment: string
  keys: string[]
  content: string
}
