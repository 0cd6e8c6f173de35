import { describe, expect, it } from 'vitest'
import { readQueryHints } from './queryHints'

const now = new Date('2026-11-25T12:00:00Z')
const speakers = { names: ['Jon', 'Gina'], asker: 'Jon', listener: 'Gina' }

describe('readQueryHints', () => {
  it('reads the question’s subject: the first name it gives, else "I" as the asker and "you" as the listener', () => {
    expect(readQueryHints('What did Gina say about Jon’s studio?', speakers, now).speaker).toBe('gina')
    expect(readQueryHints('Where do I live?', speakers, now).speaker).toBe('jon')
    expect(readQueryHints('What is your favourite food?', speakers, now).speaker).toBe('gina')
    expect(readQueryHints('What is the weather like?', speakers, now).speaker).toBeNull()
    expect(readQueryHints('Where does Jonathan live?', { names: ['Jon'] }, now).speaker).toBeNull()
  })

  it('turns named days, months and relative days into windows, and leaves other questions without one', () => {
    expect(readQueryHints('What did Tim say on 8th December, 2023?', speakers, now).window).toEqual({
      from: '2023-12-07T00:00:00.000Z',
      to: '2023-12-10T00:00:00.000Z'
    })
    expect(readQueryHints('What happened on May 8, 2023?', speakers, now).window).toEqual({
      from: '2023-05-07T00:00:00.000Z',
      to: '2023-05-10T00:00:00.000Z'
    })
    expect(readQueryHints('What deal did John get in December 2023?', speakers, now).window).toEqual({
      from: '2023-12-01T00:00:00.000Z',
      to: '2024-01-01T00:00:00.000Z'
    })
    expect(readQueryHints('What did I tell you yesterday?', speakers, now).window).toEqual({
      from: '2026-11-24T00:00:00.000Z',
      to: '2026-11-25T00:00:00.000Z'
    })
    expect(readQueryHints('Where do I live?', speakers, now).window).toBeNull()
    expect(readQueryHints('I may go in 2023', speakers, now).window).toBeNull()
  })
})
