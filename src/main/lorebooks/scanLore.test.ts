import { describe, expect, it } from 'vitest'
import type { LoreEntry } from '../../shared/domain'
import { defaultLoreEntry } from './loreTypes'
import { DEFAULT_SCAN, isRiskyPattern, scanLore, type ScanOptions } from './scanLore'

let nextUid = 0
function entry(patch: Partial<LoreEntry>): LoreEntry {
  const uid = nextUid++
  return { ...defaultLoreEntry(uid), id: `e${uid}`, content: `content ${uid}`, ...patch }
}

/** A seeded generator (mulberry32) so probability and group draws repeat. */
function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function scan(entries: LoreEntry[], newestFirst: string[], patch: Partial<ScanOptions> = {}): string[] {
  return scanLore(entries, newestFirst, {
    ...DEFAULT_SCAN,
    character: { name: 'Aiko', tags: ['fantasy'] },
    countTokens: (text) => Math.ceil(text.length / 4),
    random: seeded(1),
    ...patch
  }).map((e) => e.id)
}

describe('scanLore follows SillyTavern World Info semantics', () => {
  it('matches keys only within the scan depth (2 newest messages by default; an entry can override it)', () => {
    const dragon = entry({ keys: ['dragon'] })
    const deep = entry({ keys: ['dragon'], scanDepth: 3 })
    const history = ['hello', 'how are you', 'I saw a dragon']
    expect(scan([dragon, deep], history)).toEqual([deep.id])
    expect(scan([dragon], history, { scanDepth: 3 })).toEqual([dragon.id])
    expect(scan([dragon], ['hello'], { scanDepth: 0 })).toEqual([])
  })

  it('is case-insensitive and substring by default; per-entry case and whole-word settings win', () => {
    const plain = entry({ keys: ['Cat'] })
    const exact = entry({ keys: ['Cat'], caseSensitive: true })
    const whole = entry({ keys: ['cat'], matchWholeWords: true })
    expect(scan([plain, exact, whole], ['concatenate the catalogue'])).toEqual([plain.id])
    expect(scan([plain, exact, whole], ['a Cat, sleeping'])).toEqual(
      expect.arrayContaining([plain.id, exact.id, whole.id])
    )
  })

  it('matches a key that could backtrack catastrophically as plain text, so a hostile lorebook cannot stall replies', () => {
    const hostile = entry({ keys: ['/(a+)+$/'] })
    expect(scan([hostile], [`${'a'.repeat(8)}!`])).toEqual([])
    expect(scan([hostile], ['the key /(a+)+$/ itself'])).toEqual([hostile.id])
    expect(isRiskyPattern('(a+)+$')).toBe(true)
    expect(isRiskyPattern('(\\w+\\s?)*x')).toBe(true)
    expect(isRiskyPattern('(a)\\1')).toBe(true)
    expect(isRiskyPattern('drag(o|0)n')).toBe(false)
    expect(isRiskyPattern('[(+*)]+ (ab)+')).toBe(false)
  })

  it('reads /regex/flags keys as regular expressions', () => {
    const regex = entry({ keys: ['/drag(o|0)n/i'] })
    expect(scan([regex], ['DRAG0N!'])).toEqual([regex.id])
  })

  it('secondary keys: AND ANY, NOT ALL, NOT ANY, AND ALL (only when selective)', () => {
    const make = (selectiveLogic: number) => entry({ keys: ['sword'], secondaryKeys: ['fire', 'ice'], selectiveLogic })
    const [andAny, notAll, notAny, andAll] = [0, 1, 2, 3].map(make) as [LoreEntry, LoreEntry, LoreEntry, LoreEntry]
    const notSelective = entry({ keys: ['sword'], secondaryKeys: ['fire'], isSelective: false })
    const all = [andAny, notAll, notAny, andAll, notSelective]
    expect(new Set(scan(all, ['a sword of fire']))).toEqual(new Set([andAny.id, notAll.id, notSelective.id]))
    expect(new Set(scan(all, ['a sword of fire and ice']))).toEqual(new Set([andAny.id, andAll.id, notSelective.id]))
    expect(new Set(scan(all, ['a plain sword']))).toEqual(new Set([notAll.id, notAny.id, notSelective.id]))
  })

  it('constants always fire, disabled entries never, entries without keys only when constant', () => {
    const constant = entry({ isConstant: true })
    const off = entry({ keys: ['x'], isEnabled: false, isConstant: true })
    const keyless = entry({})
    expect(scan([constant, off, keyless], ['x'])).toEqual([constant.id])
  })

  it('character filters include or exclude by name and tag', () => {
    const onlyAiko = entry({ isConstant: true, characterFilter: { isExclude: false, names: ['Aiko'], tags: [] } })
    const notAiko = entry({ isConstant: true, characterFilter: { isExclude: true, names: ['Aiko'], tags: [] } })
    const scifi = entry({ isConstant: true, characterFilter: { isExclude: false, names: [], tags: ['scifi'] } })
    const notFantasy = entry({ isConstant: true, characterFilter: { isExclude: true, names: [], tags: ['fantasy'] } })
    expect(scan([onlyAiko, notAiko, scifi, notFantasy], ['hi'])).toEqual([onlyAiko.id])
    expect(scan([scifi, notFantasy], ['hi'], { character: { name: 'Aiko', tags: [] } })).toHaveLength(2)
  })

  it('recursion is on by default: fired text triggers more entries, within the pass limit', () => {
    const a = entry({ keys: ['castle'], content: 'The castle has a moat.' })
    const b = entry({ keys: ['moat'], content: 'The moat hides a kraken.' })
    const c = entry({ keys: ['kraken'], content: 'The kraken sleeps.' })
    expect(new Set(scan([a, b, c], ['the castle']))).toEqual(new Set([a.id, b.id, c.id]))
    expect(scan([a, b, c], ['the castle'], { isRecursive: false })).toEqual([a.id])
    expect(new Set(scan([a, b, c], ['the castle'], { maxPasses: 2 }))).toEqual(new Set([a.id, b.id]))
    const excluded = entry({ keys: ['moat'], excludeRecursion: true })
    const preventing = entry({ keys: ['castle'], content: 'a moat', preventRecursion: true })
    expect(scan([preventing, excluded], ['the castle'])).toEqual([preventing.id])
    expect(scan([a, excluded], ['the castle'])).toEqual([a.id])
  })

  it('the token budget keeps the highest order first and stops at the first that does not fit', () => {
    const low = entry({ isConstant: true, order: 10, content: 'x'.repeat(40) })
    const high = entry({ isConstant: true, order: 300, content: 'y'.repeat(40) })
    const mid = entry({ isConstant: true, order: 200, content: 'z'.repeat(40) })
    // Returned in prompt order: ascending order, so the most important entry is nearest the chat.
    expect(scan([low, high, mid], ['hi'])).toEqual([low.id, mid.id, high.id])
    expect(scan([low, high, mid], ['hi'], { tokenBudget: 25 })).toEqual([mid.id, high.id])
    expect(scan([low, high, mid], ['hi'], { tokenBudget: 12 })).toEqual([high.id])
  })

  it('probability is a seeded draw: the same seed repeats, and the rate follows the percentage', () => {
    const maybe = entry({ isConstant: true, probability: 30, useProbability: true })
    const ignored = entry({ isConstant: true, probability: 0, useProbability: false })
    const runs = (seed: number) =>
      Array.from({ length: 1000 }, (_, i) => scan([maybe, ignored], ['hi'], { random: seeded(seed + i) }))
    const first = runs(7)
    expect(runs(7)).toEqual(first)
    const rate = first.filter((ids) => ids.includes(maybe.id)).length / 1000
    expect(rate).toBeGreaterThan(0.25)
    expect(rate).toBeLessThan(0.35)
    expect(first.every((ids) => ids.includes(ignored.id))).toBe(true)
  })

  it('inclusion groups fire one entry: the prioritised one, or a draw weighted by group weight', () => {
    const a = entry({ isConstant: true, group: 'weather', groupWeight: 90 })
    const b = entry({ isConstant: true, group: 'weather', groupWeight: 10 })
    const outside = entry({ isConstant: true })
    const draws = Array.from({ length: 500 }, (_, i) => scan([a, b, outside], ['hi'], { random: seeded(i) }))
    expect(draws.every((ids) => ids.includes(outside.id) && ids.length === 2)).toBe(true)
    const aRate = draws.filter((ids) => ids.includes(a.id)).length / 500
    expect(aRate).toBeGreaterThan(0.8)
    expect(aRate).toBeLessThan(0.97)
    const prio = entry({ isConstant: true, group: 'weather', groupOverride: true, order: 1 })
    expect(scan([a, b, prio], ['hi'])).toEqual([prio.id])
  })

  it('timed effects: a sticky entry fires without its keys and skips its draw; cooldown and delay hold entries out', () => {
    const sticky = entry({ keys: ['dragon'], probability: 0, useProbability: true })
    const cooling = entry({ keys: ['dragon'] })
    const stuckCooling = entry({ keys: ['dragon'] })
    const delayed = entry({ isConstant: true })
    const timed = {
      sticky: new Set([sticky.id, stuckCooling.id]),
      cooldown: new Set([cooling.id, stuckCooling.id]),
      delayed: new Set([delayed.id])
    }
    const fired = scan([sticky, cooling, stuckCooling, delayed], ['no keys here'], { timed })
    expect(new Set(fired)).toEqual(new Set([sticky.id, stuckCooling.id]))
    expect(scan([cooling], ['a dragon'], { timed })).toEqual([])
    expect(scan([cooling], ['a dragon'])).toEqual([cooling.id])
  })

  it('a sticky entry wins its inclusion group; sticky entries are kept first when the budget runs out', () => {
    const stuck = entry({ keys: ['rain'], group: 'weather', order: 1, content: 'x'.repeat(40) })
    const other = entry({ isConstant: true, group: 'weather', groupOverride: true, order: 500 })
    const big = entry({ isConstant: true, order: 900, content: 'y'.repeat(40) })
    const timed = { sticky: new Set([stuck.id]), cooldown: new Set<string>(), delayed: new Set<string>() }
    expect(scan([stuck, other], ['sunny'], { timed })).toEqual([stuck.id])
    expect(scan([stuck, big], ['sunny'], { timed, tokenBudget: 15 })).toEqual([stuck.id])
  })

  it('group scoring keeps, within a group, only the entries that match the most keys', () => {
    const one = entry({ keys: ['sword'], group: 'g', groupOverride: true, order: 900 })
    const two = entry({ keys: ['sword', 'fire'], group: 'g' })
    const three = entry({ keys: ['sword'], secondaryKeys: ['fire', 'ice'], selectiveLogic: 0, group: 'g' })
    const text = ['a sword of fire']
    // Without scoring the prioritised entry wins; with it, only the best-matching entries (2 keys) compete.
    expect(scan([one, two, three], text)).toEqual([one.id])
    const scored = scan([one, two, three], text, { useGroupScoring: true, random: seeded(3) })
    expect(scored).toHaveLength(1)
    expect([two.id, three.id]).toContain(scored[0])
    // An entry's own setting decides whether it can lose on score (null = the app's setting, off by default).
    expect(scan([one, { ...two, useGroupScoring: true }], text)).toEqual([one.id])
    expect(scan([{ ...one, useGroupScoring: true }, two], text)).toEqual([two.id])
    // A constant member is scored by its keys too: matching more of them, it wins.
    const constant = entry({ keys: ['sword', 'fire', 'of'], isConstant: true, group: 'g', useGroupScoring: true })
    expect(scan([constant, { ...two, useGroupScoring: true }], text)).toEqual([constant.id])
  })
})
