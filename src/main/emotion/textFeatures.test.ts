import { describe, expect, it } from 'vitest'
import { hashedFeatures, tokenize } from './textFeatures'

const BUCKETS = 1 << 16
const shared = (a: string, b: string): number => {
  const left = new Set(hashedFeatures(a, BUCKETS).indices)
  return Array.from(hashedFeatures(b, BUCKETS).indices).filter((i) => left.has(i)).length
}

describe('hashedFeatures', () => {
  it('lets spelling variants of a word share character n-grams, and unrelated words share none', () => {
    expect(shared('gross', 'grossed')).toBeGreaterThanOrEqual(3)
    expect(shared('happy', 'happyyyy')).toBeGreaterThanOrEqual(3)
    expect(shared('gross', 'lovely')).toBe(0)
  })

  it('weighs the word block and the character block as two unit vectors (0.7 for characters)', () => {
    const { values } = hashedFeatures('I am absolutely furious about this', BUCKETS)
    const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0))
    // Collisions between the blocks can only move the norm slightly off sqrt(1 + 0.49).
    expect(norm).toBeCloseTo(Math.sqrt(1.49), 1)
    expect(hashedFeatures('', BUCKETS).indices.length).toBe(0)
    expect(hashedFeatures('ok', BUCKETS).values.every((v) => Number.isFinite(v))).toBe(true)
  })

  it('marks the words after a negation', () => {
    expect(tokenize("I'm not happy at all")).toContain('not_happy')
  })
})
