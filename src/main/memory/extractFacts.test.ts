import { describe, expect, it } from 'vitest'
import { extractFacts } from './extractFacts'

describe('extractFacts', () => {
  it('turns first-person statements into facts with subjects', () => {
    const facts = extractFacts(
      'I live in Tokyo. My birthday is 3 May! My favourite food is ramen, and I started a new job at a bakery.',
      'Alex'
    )
    expect(facts.map((f) => [f.subject, f.text])).toEqual([
      ['location', 'Alex lives in Tokyo'],
      ['birthday', "Alex's birthday is 3 May"],
      ['favourite food', "Alex's favourite food is ramen"],
      ['job', 'Alex started a new job at a bakery']
    ])
  })

  it('marks a move as a new location and finds relationships and pets', () => {
    expect(extractFacts("I've just moved to Osaka", 'Alex')[0]).toMatchObject({
      subject: 'location',
      text: 'Alex lives in Osaka (moved there)'
    })
    expect(extractFacts('my sister is called Mia', 'Alex')[0]).toMatchObject({
      kind: 'relationship',
      text: "Alex's sister is called Mia"
    })
    expect(extractFacts('I adopted a kitten named Mochi.', 'Alex')[0]?.text).toBe('Alex has a kitten named Mochi')
  })

  it('ignores chatter, questions about the character and weird input', () => {
    expect(extractFacts('Where do I live?', 'Alex')).toEqual([])
    expect(extractFacts('I love you', 'Alex')).toEqual([])
    expect(extractFacts('', 'Alex')).toEqual([])
    expect(extractFacts('😀'.repeat(5000) + ' مرحبا بالعالم', 'Alex')).toEqual([])
  })
})
