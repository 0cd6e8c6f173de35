import type { LoreEntry } from '../../shared/domain'
import { keyScore, matchesKey, secondaryMatches } from './matchLoreKeys'
import { NO_TIMED_EFFECTS, type TimedState } from './timedEffects'

export { isRiskyPattern } from './matchLoreKeys'

export interface ScanOptions {
  /** Messages scanned (newest first), SillyTavern's "scan depth"; an entry's own scanDepth wins. */
  scanDepth: number
  /** Tokens the fired entries may use together. */
  tokenBudget: number
  isRecursive: boolean
  /** Scan passes at most (the first one plus recursion steps), so entries triggering each other always stop. */
  maxPasses: number
  caseSensitive: boolean
  matchWholeWords: boolean
  /** SillyTavern's group scoring for every inclusion group (an entry's own setting wins). */
  useGroupScoring: boolean
  /** Sticky, cooldown and delay effects for this scan (see timedEffects). */
  timed?: TimedState
  /** The character the reply is for, for entries' character filters. */
  character: { name: string; tags: readonly string[] }
  countTokens: (text: string) => number
  /** 0 <= x < 1; seeded in tests so probability and inclusion-group draws repeat. */
  random: () => number
}

export const DEFAULT_SCAN: Omit<ScanOptions, 'character' | 'countTokens' | 'random'> = {
  scanDepth: 2,
  tokenBudget: 500,
  isRecursive: true,
  maxPasses: 4,
  caseSensitive: false,
  matchWholeWords: false,
  useGroupScoring: false
}

const MAX_SCAN_DEPTH = 1000
function passesCharacterFilter(entry: LoreEntry, character: ScanOptions['character']): boolean {
  const filter = entry.characterFilter
  if (!filter) return true
  if (filter.names.length > 0) {
    const included = filter.names.includes(character.name)
    if (filter.isExclude ? included : !included) return false
  }
  // As in SillyTavern, a character without tags is not filtered by tags (imported books name ST's tag ids).
  if (filter.tags.length > 0 && character.tags.length > 0) {
    const tagged = filter.tags.some((tag) => character.tags.includes(tag))
    if (filter.isExclude ? tagged : !tagged) return false
  }
  return true
}

/**
 * One winner per inclusion group (world-info.js `filterByInclusionGroups`): a group holding sticky entries keeps only
 * those; with group scoring only the entries matching the most keys compete; a group that already fired in an
 * earlier pass loses all; then a prioritised entry (highest order) or a draw weighted by groupWeight.
 */
function filterInclusionGroups(
  candidates: LoreEntry[],
  activated: readonly LoreEntry[],
  options: ScanOptions,
  sticky: ReadonlySet<string>,
  scoreOf: (entry: LoreEntry) => number
): LoreEntry[] {
  const groups = new Map<string, LoreEntry[]>()
  for (const entry of candidates)
    for (const name of entry.group.split(/,\s*/).filter(Boolean)) groups.set(name, [...(groups.get(name) ?? []), entry])
  const losers = new Set<LoreEntry>()
  for (const [name, all] of groups) {
    const stuck = all.filter((e) => sticky.has(e.id))
    if (stuck.length > 0) {
      all.filter((e) => !sticky.has(e.id)).forEach((e) => losers.add(e))
      continue
    }
    let group = all
    if (options.useGroupScoring || group.some((e) => e.useGroupScoring)) {
      const best = Math.max(...group.map(scoreOf))
      const scored = (e: LoreEntry): boolean => e.useGroupScoring ?? options.useGroupScoring
      group.filter((e) => scored(e) && scoreOf(e) < best).forEach((e) => losers.add(e))
      group = group.filter((e) => !losers.has(e))
    }
    if (activated.some((e) => e.group.split(/,\s*/).includes(name))) {
      group.forEach((e) => losers.add(e))
      continue
    }
    if (group.length <= 1) continue
    const prioritised = group.filter((e) => e.groupOverride).sort((a, b) => b.order - a.order)[0]
    let winner = prioritised
    if (!winner) {
      const total = group.reduce((sum, e) => sum + e.groupWeight, 0)
      const roll = options.random() * total
      let running = 0
      winner = group.find((e) => (running += e.groupWeight) >= roll) ?? group[group.length - 1]
    }
    group.filter((e) => e !== winner).forEach((e) => losers.add(e))
  }
  return candidates.filter((e) => !losers.has(e))
}

/**
 * The entries that fire for a reply, following SillyTavern's World Info scan (world-info.js `checkWorldInfo`):
 * constants always; keys in the last `scanDepth` messages (regex keys, case and whole-word settings per entry),
 * secondary keys with AND ANY / NOT ALL / NOT ANY / AND ALL; character filters; inclusion groups; a probability
 * draw; entries by descending order until the token budget is used up; then fired entries' text is scanned again
 * (recursion) unless they prevent it, with entries excluded from recursion skipped. Returned in prompt order
 * (ascending order, so the most important entry sits closest to the chat).
 */
export function scanLore(
  entries: readonly LoreEntry[],
  newestFirst: readonly string[],
  options: ScanOptions
): LoreEntry[] {
  const timed = options.timed ?? NO_TIMED_EFFECTS
  const sorted = [...entries].sort((a, b) => b.order - a.order)
  const activated: LoreEntry[] = []
  const done = new Set<LoreEntry>()
  const recursionTexts: string[] = []
  let isOverflowed = false
  let activatedTokens = 0

  for (let pass = 0; pass < options.maxPasses; pass++) {
    const isRecursion = pass > 0
    const candidates: LoreEntry[] = []
    const scores = new Map<LoreEntry, number>()
    for (const entry of sorted) {
      if (done.has(entry) || !entry.isEnabled || !passesCharacterFilter(entry, options.character)) continue
      const isSticky = timed.sticky.has(entry.id)
      if (timed.delayed.has(entry.id) || (timed.cooldown.has(entry.id) && !isSticky)) continue
      if (isRecursion && entry.excludeRecursion && !isSticky) continue
      const depth = Math.min(Math.max(entry.scanDepth ?? options.scanDepth, 0), MAX_SCAN_DEPTH)
      const text = ['', ...newestFirst.slice(0, depth).map((m) => m.trim()), ...recursionTexts].join('\n\x01')
      const matches = (key: string): boolean => matchesKey(text, key, entry, options)
      if (entry.isConstant || isSticky) {
        candidates.push(entry)
        // Scored like any other member of its group (ST scores every grouped entry by its keys).
        if (entry.group) scores.set(entry, keyScore(entry, matches))
        continue
      }
      if (entry.keys.length === 0) continue
      if (!entry.keys.some(matches)) continue
      if (entry.isSelective && entry.secondaryKeys.length > 0 && !secondaryMatches(entry, matches)) continue
      candidates.push(entry)
      if (entry.group) scores.set(entry, keyScore(entry, matches))
    }
    // Sticky entries go first, so the budget keeps them (then by order, as sorted).
    candidates.sort((a, b) => Number(timed.sticky.has(b.id)) - Number(timed.sticky.has(a.id)))

    const fresh: LoreEntry[] = []
    let newText = ''
    const grouped = filterInclusionGroups(candidates, activated, options, timed.sticky, (e) => scores.get(e) ?? 0)
    for (const entry of grouped) {
      if (isOverflowed) break
      const rolls = entry.useProbability && entry.probability < 100 && !timed.sticky.has(entry.id)
      if (rolls && options.random() * 100 > entry.probability) {
        done.add(entry)
        continue
      }
      newText += `${entry.content}\n`
      if (activatedTokens + options.countTokens(newText) >= options.tokenBudget) {
        isOverflowed = true
        continue
      }
      done.add(entry)
      fresh.push(entry)
    }
    activated.push(...fresh)
    const recursive = fresh.filter((e) => !e.preventRecursion)
    if (!options.isRecursive || isOverflowed || recursive.length === 0) break
    const text = recursive.map((e) => e.content).join('\n')
    recursionTexts.push(text)
    activatedTokens += options.countTokens(text)
  }
  return activated.sort((a, b) => a.order - b.order)
}
