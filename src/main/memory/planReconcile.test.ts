import { describe, expect, it } from 'vitest'
import { makeMemory } from '../../../tests/helpers/makeMemory'
import type { FactCandidate } from './memoryTypes'
import { DUPLICATE_SIMILARITY, normalizeFact, placeOnSubject, planReconcile } from './planReconcile'

const fact = (text: string, subject: string | null = null): FactCandidate => ({
  kind: 'fact',
  subject,
  text,
  importance: 0.5
})

describe('normalizeFact', () => {
  it('ignores case, punctuation, spacing and the replacement note', () => {
    expect(normalizeFact('  Alex lives in OSAKA (moved there)! ')).toBe('alex lives in osaka')
    expect(normalizeFact('Alex -- likes  tea, a lot.')).toBe('alex likes tea a lot')
  })

  it('keeps letters and digits of any script', () => {
    expect(normalizeFact('Alex is 30 — 東京 está bien')).toBe('alex is 30 東京 está bien')
  })
})

describe('planReconcile', () => {
  it('adds a fact nothing resembles', () => {
    expect(planReconcile(fact('Alex likes tea'), [], [])).toEqual({ action: 'add' })
  })

  it('reinforces the same fact told again, on the same subject or among similar ones', () => {
    const osaka = makeMemory('m1', { text: 'Alex lives in Osaka (moved there)', subject: 'location' })
    expect(planReconcile(fact('alex lives in osaka.', 'location'), [osaka], [])).toEqual({
      action: 'reinforce',
      id: 'm1'
    })
    const tea = makeMemory('m2', { text: 'Alex likes tea' })
    expect(planReconcile(fact('Alex likes TEA!'), [], [{ memory: tea, similarity: 0.1 }])).toEqual({
      action: 'reinforce',
      id: 'm2'
    })
  })

  it('retires every current fact on the subject when a different one arrives', () => {
    const tokyo = makeMemory('m1', { text: 'Alex lives in Tokyo', subject: 'location' })
    const kyoto = makeMemory('m2', { text: 'Alex lives in Kyoto', subject: 'location' })
    expect(planReconcile(fact('Alex lives in Osaka', 'location'), [tokyo, kyoto], [])).toEqual({
      action: 'supersede',
      retireIds: ['m1', 'm2']
    })
  })

  it('has nothing to retire when the subject is new: adds it, or reinforces a near-duplicate', () => {
    expect(planReconcile(fact('Alex lives in Osaka', 'location'), [], [])).toEqual({ action: 'add' })
    const osaka = makeMemory('m1', { text: 'Alex now lives in Osaka' })
    expect(planReconcile(fact('Alex lives in Osaka', 'location'), [], [{ memory: osaka, similarity: 0.95 }])).toEqual({
      action: 'reinforce',
      id: 'm1'
    })
  })

  it('does not supersede without a subject, even when given same-subject facts', () => {
    const tokyo = makeMemory('m1', { text: 'Alex lives in Tokyo', subject: 'location' })
    expect(planReconcile(fact('Alex lives in Osaka'), [tokyo], [])).toEqual({ action: 'add' })
  })

  it('reinforces a near-duplicate at or above the similarity threshold, never below it', () => {
    const tea = makeMemory('m1', { text: 'Alex really likes tea' })
    const at = planReconcile(fact('Alex likes tea'), [], [{ memory: tea, similarity: DUPLICATE_SIMILARITY }])
    expect(at).toEqual({ action: 'reinforce', id: 'm1' })
    const below = planReconcile(fact('Alex likes tea'), [], [{ memory: tea, similarity: DUPLICATE_SIMILARITY - 0.01 }])
    expect(below).toEqual({ action: 'add' })
  })

  it('never takes a chat message or a retired fact for a near-duplicate', () => {
    const message = makeMemory('msg', { kind: 'message', text: 'I really like tea' })
    const retired = makeMemory('old', { text: 'Alex really likes tea', validTo: '2026-11-02T00:00:00.000Z' })
    const current = makeMemory('cur', { text: 'Alex quite likes tea' })
    const similar = [
      { memory: message, similarity: 0.99 },
      { memory: retired, similarity: 0.99 },
      { memory: current, similarity: 0.95 }
    ]
    expect(planReconcile(fact('Alex likes tea'), [], similar)).toEqual({ action: 'reinforce', id: 'cur' })
    expect(planReconcile(fact('Alex likes tea'), [], similar.slice(0, 2))).toEqual({ action: 'add' })
  })
})

describe('placeOnSubject', () => {
  const tokyo = makeMemory('tokyo', { subject: 'location', validFrom: '2026-03-01T00:00:00.000Z' })
  const kyoto = makeMemory('kyoto', { subject: 'location', validFrom: '2026-05-01T00:00:00.000Z' })

  it('retires the current facts on the subject when the fact is newer than all of them', () => {
    expect(placeOnSubject('2026-06-01T00:00:00.000Z', [tokyo, kyoto])).toEqual({
      action: 'retire-others',
      retireIds: ['tokyo', 'kyoto']
    })
    expect(placeOnSubject('2026-05-01T00:00:00.000Z', [kyoto])).toEqual({
      action: 'retire-others',
      retireIds: ['kyoto']
    })
    expect(placeOnSubject('2026-06-01T00:00:00.000Z', [])).toEqual({ action: 'retire-others', retireIds: [] })
  })

  it('makes an older fact past from the day the newer one became true', () => {
    expect(placeOnSubject('2026-04-01T00:00:00.000Z', [tokyo, kyoto])).toEqual({
      action: 'retire-itself',
      since: '2026-05-01T00:00:00.000Z',
      supersededBy: 'kyoto'
    })
  })
})
