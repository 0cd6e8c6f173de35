import { describe, expect, it } from 'vitest'
import { pickSpeaker, talkativenessOf, type PickSpeakerInput, type SpeakerCandidate } from './pickSpeaker'

const members: SpeakerCandidate[] = [
  { id: 'a', name: 'Aiko Tanaka', talkativeness: 0.5 },
  { id: 'b', name: 'Bram', talkativeness: 0.5 },
  { id: 'c', name: 'Chiyo', talkativeness: 0.5 }
]
const base: PickSpeakerInput = {
  mode: 'natural',
  members,
  lastText: 'Hello everyone.',
  lastSpeakerId: null,
  previousMemberId: null,
  seed: 'chat-1:1',
  now: '2026-11-29T12:00:00.000Z'
}

describe('pickSpeaker', () => {
  it('natural: the member named in the last message answers, by full name, first name or @mention', () => {
    expect(pickSpeaker({ ...base, lastText: 'What do you think, Bram?' })).toBe('b')
    expect(pickSpeaker({ ...base, lastText: 'aiko, come here' })).toBe('a')
    expect(pickSpeaker({ ...base, lastText: '@Chiyo you first' })).toBe('c')
    // The first name mentioned wins; a name inside another word is not a mention.
    expect(pickSpeaker({ ...base, lastText: 'Chiyo told Bram about it' })).toBe('c')
    expect(pickSpeaker({ ...base, lastText: 'The brambles grow.', seed: 's' })).not.toBeNull()
  })

  it('natural: nobody answers themselves while another member can', () => {
    for (let i = 0; i < 50; i++) {
      const picked = pickSpeaker({ ...base, lastText: 'I, Bram, say so.', lastSpeakerId: 'b', seed: `x${i}` })
      expect(picked).not.toBe('b')
    }
  })

  it('natural: the draw is reproducible for a seed and follows talkativeness', () => {
    const seeds = Array.from({ length: 400 }, (_, i) => `chat:${i}`)
    const first = seeds.map((seed) => pickSpeaker({ ...base, seed }))
    expect(seeds.map((seed) => pickSpeaker({ ...base, seed }))).toEqual(first)
    expect(new Set(first)).toEqual(new Set(['a', 'b', 'c']))
    const skewed = members.map((m) => ({ ...m, talkativeness: m.id === 'c' ? 0.95 : 0.05 }))
    const counts = seeds.map((seed) => pickSpeaker({ ...base, members: skewed, seed })).filter((id) => id === 'c')
    expect(counts.length).toBeGreaterThan(seeds.length * 0.6)
    const silent = members.map((m) => ({ ...m, talkativeness: m.id === 'a' ? 1 : 0 }))
    expect(new Set(seeds.map((seed) => pickSpeaker({ ...base, members: silent, seed })))).toEqual(new Set(['a']))
  })

  it('in-order cycles through the members, skipping the muted', () => {
    const order: (string | null)[] = []
    let previous: string | null = null
    for (let i = 0; i < 6; i++) {
      previous = pickSpeaker({ ...base, mode: 'in-order', previousMemberId: previous })
      order.push(previous)
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c'])
    const muted = members.map((m) => (m.id === 'b' ? { ...m, mutedUntil: '2026-11-29T13:00:00.000Z' } : m))
    expect(pickSpeaker({ ...base, mode: 'in-order', members: muted, previousMemberId: 'a' })).toBe('c')
    // A mute that has ended no longer counts.
    expect(pickSpeaker({ ...base, mode: 'in-order', members: muted, previousMemberId: 'a', now: '2026-11-30' })).toBe(
      'b'
    )
  })

  it('manual waits; muted members never speak, even when named; all muted means nobody', () => {
    expect(pickSpeaker({ ...base, mode: 'manual', lastText: 'Bram?' })).toBeNull()
    const until = '2027-01-01T00:00:00.000Z'
    const muted = members.map((m) => (m.id === 'b' ? { ...m, mutedUntil: until } : m))
    for (let i = 0; i < 50; i++)
      expect(pickSpeaker({ ...base, members: muted, lastText: 'Bram, talk!', seed: `${i}` })).not.toBe('b')
    const allMuted = members.map((m) => ({ ...m, mutedUntil: until }))
    expect(pickSpeaker({ ...base, members: allMuted })).toBeNull()
    expect(pickSpeaker({ ...base, mode: 'in-order', members: allMuted })).toBeNull()
  })

  it('reads talkativeness from a card extension as a number or a numeric string, else the default', () => {
    expect(talkativenessOf({ talkativeness: 0.8 }, 0.5)).toBe(0.8)
    expect(talkativenessOf({ talkativeness: '0.25' }, 0.5)).toBe(0.25)
    expect(talkativenessOf({ talkativeness: 'loud' }, 0.5)).toBe(0.5)
    expect(talkativenessOf({ talkativeness: 7 }, 0.5)).toBe(1)
    expect(talkativenessOf({}, 0.5)).toBe(0.5)
  })
})
