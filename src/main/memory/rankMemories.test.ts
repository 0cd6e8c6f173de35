import { describe, expect, it } from 'vitest'
import type { Memory } from '../../shared/domain'
import { rankMemories } from './rankMemories'

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
