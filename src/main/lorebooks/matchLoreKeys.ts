import type { LoreEntry } from '../../shared/domain'

/** The options a key match reads (an entry's own setting wins over the book's). */
export interface KeyMatchOptions {
  caseSensitive: boolean
  matchWholeWords: boolean
}

const LOGIC = { AND_ANY: 0, NOT_ALL: 1, NOT_ANY: 2, AND_ALL: 3 } as const

/**
 * Whether a key's pattern can backtrack catastrophically: a quantified group that itself holds a quantifier (star
 * height above one, as in `(a+)+`) or a backreference. Such keys come from imported files and run on every reply in
 * the main process, where one of them would stall the app; they are matched as plain text instead.
 */
export function isRiskyPattern(source: string): boolean {
  if (/\\[1-9]|\\k</.test(source)) return true
  const quantifiedInside: boolean[] = [false]
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      i++
      continue
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1
      continue
    }
    if (c === '(') quantifiedInside.push(false)
    else if (c === ')') {
      const inner = quantifiedInside.pop() ?? false
      const next = source[i + 1]
      if (inner && (next === '*' || next === '+' || next === '{')) return true
      if (inner) quantifiedInside[quantifiedInside.length - 1] = true
    } else if (c === '*' || c === '+' || c === '{') quantifiedInside[quantifiedInside.length - 1] = true
  }
  return false
}

/** A "/pattern/flags" key is a regular expression in SillyTavern. */
function keyRegex(key: string): RegExp | null {
  const match = /^\/([\s\S]+)\/([gimsuy]*)$/.exec(key)
  if (!match || isRiskyPattern(match[1]!)) return null
  try {
    return new RegExp(match[1]!, match[2]!.replace('g', ''))
  } catch {
    // Not a valid pattern: SillyTavern then matches the text literally, and so do we.
    return null
  }
}

/** Whether one key of an entry matches the scanned text, as SillyTavern matches it. */
export function matchesKey(haystack: string, rawKey: string, entry: LoreEntry, options: KeyMatchOptions): boolean {
  const key = rawKey.trim()
  if (!key) return false
  const regex = keyRegex(key)
  if (regex) return regex.test(haystack)
  const caseSensitive = entry.caseSensitive ?? options.caseSensitive
  const text = caseSensitive ? haystack : haystack.toLowerCase()
  const needle = caseSensitive ? key : key.toLowerCase()
  if (!(entry.matchWholeWords ?? options.matchWholeWords)) return text.includes(needle)
  if (/\s/.test(needle)) return text.includes(needle)
  const escaped = needle.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
  return new RegExp(`(?:^|\\W)(${escaped})(?:$|\\W)`).test(text)
}

/** Whether an entry's secondary keys pass its selective logic (AND ANY, NOT ALL, NOT ANY, AND ALL). */
export function secondaryMatches(entry: LoreEntry, matches: (key: string) => boolean): boolean {
  const results = entry.secondaryKeys.map(matches)
  switch (entry.selectiveLogic) {
    case LOGIC.NOT_ALL:
      return results.some((r) => !r)
    case LOGIC.NOT_ANY:
      return results.every((r) => !r)
    case LOGIC.AND_ALL:
      return results.every((r) => r)
    default:
      return results.some((r) => r)
  }
}

/** How many of an entry's keys match (world-info.js `getScore`): primary ones, plus secondary ones for AND logic. */
export function keyScore(entry: LoreEntry, matches: (key: string) => boolean): number {
  const primary = entry.keys.filter(matches).length
  if (primary === 0 || entry.secondaryKeys.length === 0) return primary
  const secondary = entry.secondaryKeys.filter(matches).length
  if (entry.selectiveLogic === LOGIC.AND_ANY) return primary + secondary
  if (entry.selectiveLogic === LOGIC.AND_ALL && secondary === entry.secondaryKeys.length) return primary + secondary
  return primary
}
