import { describe, expect, it } from 'vitest'
import type { Memory } from '../../shared/domain'
import {
  orderByScore,
  RANK_WEIGHTS,
  rankFeatures,
  rankMemories,
  scoreOf,
  weightOf,
  type RankWeights
} from './rankMemories'

const now = new Date('2026-11-25T12:00:00Z')

function memory(id: string, patch: Partial<Memory> = {}): Memory {
  return {
    id,
    characterId: 'c',
    userId: 'u',
    kind: 'message',
    text: id,
    subject: null,
    speaker: 'Alex',
    importance: 0.3,
    isPinned: false,
    validFrom: '2026-11-01T10:00:00.000Z',
    validTo: null,
    supersededBy: null,
    sourceMessageIds: [id],
    chatId: 'chat',
    sharedFrom: null,
    isOrphaned: false,
    groupId: null,
    createdAt: '',
    updatedAt: '',
    ...patch
  }
}

const hits = (...pairs: [string, number][]): { id: string; score: number }[] =>
  pairs.map(([id, score]) => ({ id, score }))

describe('rankMemories', () => {
  const memories = new Map(['a', 'b', 'c', 'd'].map((id) => [id, memory(id)]))

  it('orders by the fused scores of both searches', () => {
    const ranked = rankMemories({
      textHits: hits(['a', 9], ['b', 5], ['c', 1]),
      vectorHits: hits(['a', 0.6], ['c', 0.5], ['b', 0.4]),
      memories,
      now
    })
    expect(ranked.map((m) => m.id)).toEqual(['a', 'b', 'c'])
  })

  it('raises the named speaker, the named time and the turns next to a strong match', () => {
    const base = {
      textHits: hits(['a', 5.5], ['b', 5], ['c', 4], ['d', 1]),
      vectorHits: hits(['a', 0.5], ['b', 0.5], ['c', 0.5], ['d', 0.5]),
      now
    }
    const bySpeaker = new Map(memories).set('b', memory('b', { speaker: 'Sam' }))
    expect(rankMemories({ ...base, memories: bySpeaker, hints: { speaker: 'sam', window: null } })[0]!.id).toBe('b')
    const byTime = new Map(memories).set('c', memory('c', { validFrom: '2026-10-03T09:00:00.000Z' }))
    expect(
      rankMemories({
        ...base,
        memories: byTime,
        hints: { speaker: null, window: { from: '2026-10-02T00:00:00.000Z', to: '2026-10-05T00:00:00.000Z' } }
      })[0]!.id
    ).toBe('c')
    const close = { ...base, textHits: hits(['a', 6], ['b', 5], ['c', 4.8], ['d', 1]) }
    const plain = rankMemories({ ...close, memories }).map((m) => m.id)
    const withNeighbour = rankMemories({ ...close, memories, previousTurn: new Map([['c', 'a']]) }).map((m) => m.id)
    expect(plain.indexOf('c')).toBeGreaterThan(plain.indexOf('b'))
    expect(withNeighbour.indexOf('c')).toBeLessThan(withNeighbour.indexOf('b'))
    // The question before a strong answer rises too ("What did it look like?" -> the matching reply after it).
    const beforeStrong = rankMemories({ ...close, memories, previousTurn: new Map([['a', 'c']]) }).map((m) => m.id)
    expect(beforeStrong.indexOf('c')).toBeLessThan(beforeStrong.indexOf('b'))
  })

  it('puts an extracted fact above the turn it came from when both match alike', () => {
    const pair = new Map([
      ['turn', memory('turn', { text: 'User: I live in Tokyo.' })],
      ['fact', memory('fact', { kind: 'fact', text: 'User lives in Tokyo', importance: 0.7 })]
    ])
    const ranked = rankMemories({
      textHits: hits(['turn', 3], ['fact', 3]),
      vectorHits: hits(['turn', 0.6], ['fact', 0.6]),
      memories: pair,
      now
    })
    expect(ranked.map((m) => m.id)).toEqual(['fact', 'turn'])
  })

  it('puts a current fact above the retired one it replaced, and ignores hits without a stored row', () => {
    const facts = new Map([
      ['old', memory('old', { kind: 'fact', validTo: '2026-11-10T00:00:00.000Z', importance: 0.8 })],
      ['new', memory('new', { kind: 'fact', importance: 0.8 })]
    ])
    const ranked = rankMemories({
      textHits: hits(['old', 5], ['new', 4.5], ['gone', 9]),
      vectorHits: hits(['old', 0.7], ['new', 0.65]),
      memories: facts,
      now
    })
    expect(ranked.map((m) => m.id)).toEqual(['new', 'old'])
  })
})

describe('rankFeatures', () => {
  // Three candidates: `a` and `b` found by text only or mostly, `c` (a summary) by meaning; `gone` has no row.
  const candidates = new Map([
    [
      'a',
      memory('a', { text: 'Context\nAlex: Where did you go?', validFrom: '2026-10-03T00:00:00.000Z', importance: 0.5 })
    ],
    [
      'b',
      memory('b', {
        text: 'Sam: I went  to Kyoto [photo: temple]  ',
        speaker: null,
        validFrom: '2026-10-05T00:00:00.000Z',
        importance: 0.5
      })
    ],
    [
      'c',
      memory('c', {
        kind: 'summary',
        text: 'A summary?',
        speaker: 'alex',
        validFrom: '2026-10-02T00:00:00.000Z',
        importance: 0.5
      })
    ]
  ])
  const features = (): Record<string, RankWeights> =>
    Object.fromEntries(
      rankFeatures({
        textHits: hits(['a', 4], ['b', 2], ['gone', 9]),
        vectorHits: hits(['c', 0.9], ['a', -0.2]),
        memories: candidates,
        now,
        hints: { speaker: 'alex', window: { from: '2026-10-03T00:00:00.000Z', to: '2026-10-05T00:00:00.000Z' } },
        previousTurn: new Map([
          ['a', 'b'],
          ['c', 'a']
        ])
      }).map((c) => [c.memory.id, c.features])
    )

  it('standardises both searches over the candidates; a missed one gets the lowest score of its search', () => {
    const f = features()
    expect(Object.keys(f)).toEqual(['a', 'b', 'c'])
    // text [4, 2, 0]: mean 2, spread sqrt(8/3); vector [-0.2, -0.2 (missed: the lowest), 0.9]
    expect([f.a!.text, f.b!.text, f.c!.text].map((v) => v.toFixed(6))).toEqual(['1.224745', '0.000000', '-1.224745'])
    expect([f.a!.vector, f.b!.vector, f.c!.vector].map((v) => v.toFixed(6))).toEqual([
      '-0.707107',
      '-0.707107',
      '1.414214'
    ])
  })

  it('marks the named speaker (any case) and the named time, its start included and its end not', () => {
    const f = features()
    expect([f.a!.speaker, f.b!.speaker, f.c!.speaker]).toEqual([1, 0, 1])
    expect([f.a!.window, f.b!.window, f.c!.window]).toEqual([1, 0, 0])
  })

  it("reads a turn's own last line without its attachment note; a summary has no words of its own", () => {
    const f = features()
    expect([f.a!.question, f.b!.question, f.c!.question]).toEqual([1, 0, 0])
    expect(f.a!.length).toBeCloseTo(Math.log(6), 10)
    expect(f.b!.length).toBeCloseTo(Math.log(6), 10)
    expect(f.c!.length).toBe(0)
    expect([f.a!.prior, f.b!.prior, f.c!.prior].map((v) => v.toFixed(6))).toEqual([
      '-0.060815',
      '-0.059339',
      '-0.012745'
    ])
  })

  it("scores the turns next to one by that one's match, never below zero", () => {
    const f = features()
    // match(a) = 1.224745 + 0.45 * -0.707107; match(b) and match(c) are below zero.
    expect(f.c!.previous.toFixed(6)).toBe('0.906547')
    expect(f.b!.next.toFixed(6)).toBe('0.906547')
    expect([f.a!.previous, f.a!.next, f.b!.previous, f.c!.next]).toEqual([0, 0, 0, 0])
  })

  it('strips an attachment note however it is spaced, and only at the end', () => {
    const own = (text: string): number =>
      rankFeatures({
        textHits: hits(['x', 1]),
        vectorHits: [],
        memories: new Map([['x', memory('x', { text })]]),
        now
      })[0]!.features.length
    expect(own('it[photo]')).toBe(Math.log(2))
    expect(own('it [x]  ')).toBe(Math.log(2))
    expect(own('see [this] now')).toBe(Math.log(4))
    expect(own('? ok')).toBe(Math.log(3))
  })

  it('has no candidates without hits that have rows', () => {
    expect(rankFeatures({ textHits: hits(['gone', 1]), vectorHits: [], memories: candidates, now })).toEqual([])
  })
})

describe('weightOf', () => {
  it('weighs facts over summaries over turns, current over retired, important and recent over the rest', () => {
    const at = (patch: Partial<Memory>): number =>
      weightOf(memory('m', { kind: 'fact', importance: 0.5, validFrom: now.toISOString(), ...patch }), now)
    expect(at({})).toBeCloseTo(1.1, 10)
    expect(at({ kind: 'summary' })).toBeCloseTo(1.05, 10)
    expect(at({ kind: 'message' })).toBeCloseTo(1, 10)
    expect(at({ validTo: now.toISOString() })).toBeCloseTo(1.1 * 0.55, 10)
    expect(at({ importance: 1 })).toBeCloseTo(1.1 * 1.15, 10)
    expect(at({ importance: 0 })).toBeCloseTo(1.1 * 0.85, 10)
    expect(at({ validFrom: '2026-09-26T12:00:00.000Z' })).toBeCloseTo(1.1 * (0.9 + 0.1 * Math.exp(-1)), 10)
    expect(at({ validFrom: '2027-01-01T00:00:00.000Z' })).toBeCloseTo(1.1, 10)
  })
})

describe('scoreOf and orderByScore', () => {
  it('sums each feature times its weight, and orders best first', () => {
    const zero = Object.fromEntries(Object.keys(RANK_WEIGHTS).map((k) => [k, 0])) as RankWeights
    expect(scoreOf({ ...zero, text: 2, question: 1 })).toBeCloseTo(2 * RANK_WEIGHTS.text - 1.2, 10)
    const ordered = orderByScore([
      { memory: memory('low'), features: { ...zero, question: 1 } },
      { memory: memory('high'), features: { ...zero, text: 1 } },
      { memory: memory('mid'), features: zero }
    ])
    expect(ordered.map((m) => m.id)).toEqual(['high', 'mid', 'low'])
  })
})
