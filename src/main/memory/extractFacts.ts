import { REPLACEMENT_NOTE, type FactCandidate } from './memoryTypes'

interface Rule {
  pattern: RegExp
  build(match: RegExpMatchArray, user: string): FactCandidate | null
}

const END = `([^.,!?;\\n]{1,60}?)(?=$|[.,!?;\\n]|\\s+(?:and|but|because|since|so|with)\\b)`
const RELATIONS =
  'wife|husband|girlfriend|boyfriend|partner|fianc[ée]e?|sister|brother|mom|mother|mum|dad|father|son|daughter|best friend|friend|boss|roommate|cat|dog'

const clean = (value: string | undefined): string =>
  (value ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(the|a|an)\s+/i, (m) => m.toLowerCase())

const rules: Rule[] = [
  {
    pattern: new RegExp(`\\bI(?:'ve| have)? (?:just |recently )?moved to ${END}`, 'i'),
    build: (m, user) => ({
      kind: 'fact',
      subject: 'location',
      text: `${user} lives in ${clean(m[1])} ${REPLACEMENT_NOTE}`,
      importance: 0.8
    })
  },
  {
    pattern: new RegExp(`\\bI(?:'m| am)? (?:currently )?(?:live|living|based|staying) in ${END}`, 'i'),
    build: (m, user) => ({
      kind: 'fact',
      subject: 'location',
      text: `${user} lives in ${clean(m[1])}`,
      importance: 0.8
    })
  },
  {
    pattern: new RegExp(`\\bmy name is ${END}`, 'i'),
    build: (m, user) => ({ kind: 'fact', subject: 'name', text: `${user}'s name is ${clean(m[1])}`, importance: 0.9 })
  },
  {
    pattern: new RegExp(`\\bmy birthday is (?:on )?${END}`, 'i'),
    build: (m, user) => ({
      kind: 'fact',
      subject: 'birthday',
      text: `${user}'s birthday is ${clean(m[1])}`,
      importance: 0.9
    })
  },
  {
    pattern: /\bI(?:'m| am) (\d{1,3}) (?:years old|yo)\b/i,
    build: (m, user) => ({ kind: 'fact', subject: 'age', text: `${user} is ${m[1]} years old`, importance: 0.7 })
  },
  {
    pattern: new RegExp(`\\bmy favou?rite ([a-z ]{2,24}?) is ${END}`, 'i'),
    build: (m, user) => ({
      kind: 'preference',
      subject: `favourite ${clean(m[1]).toLowerCase()}`,
      text: `${user}'s favourite ${clean(m[1]).toLowerCase()} is ${clean(m[2])}`,
      importance: 0.6
    })
  },
  {
    pattern: new RegExp(
      `\\bI (?:just |recently )?(?:started|got|landed|began) (?:a |my )?(?:new )?job (?:at|as|with) ${END}`,
      'i'
    ),
    build: (m, user) => ({
      kind: 'event',
      subject: 'job',
      text: `${user} started a new job at ${clean(m[1])}`,
      importance: 0.8
    })
  },
  {
    pattern: new RegExp(`\\bI (?:work|am working|'m working) (?:as|at|for) ${END}`, 'i'),
    build: (m, user) => ({
      kind: 'fact',
      subject: 'job',
      text: `${user} works ${m[0].match(/\b(as|at|for)\b/i)?.[1]?.toLowerCase() ?? 'at'} ${clean(m[1])}`,
      importance: 0.7
    })
  },
  {
    pattern: new RegExp(`\\bmy (${RELATIONS})(?:'s name)? is (?:called |named )?([A-Z][\\p{L}'-]+)`, 'iu'),
    build: (m, user) => ({
      kind: 'relationship',
      subject: `${m[1]!.toLowerCase()} name`,
      text: `${user}'s ${m[1]!.toLowerCase()} is called ${m[2]}`,
      importance: 0.8
    })
  },
  {
    pattern: new RegExp(`\\bI(?:'m| am) allergic to ${END}`, 'i'),
    build: (m, user) => ({
      kind: 'fact',
      subject: null,
      text: `${user} is allergic to ${clean(m[1])}`,
      importance: 0.9
    })
  },
  {
    pattern: new RegExp(`\\bI (?:really |absolutely )?(love|like|enjoy|adore|hate|dislike|can't stand) ${END}`, 'i'),
    build: (m, user) => {
      const object = clean(m[2])
      if (/^(you|it|that|this|them|him|her)\b/i.test(object)) return null
      const verb = m[1]!.toLowerCase() === "can't stand" ? 'cannot stand' : `${m[1]!.toLowerCase()}s`
      return { kind: 'preference', subject: null, text: `${user} ${verb} ${object}`, importance: 0.5 }
    }
  },
  {
    pattern: new RegExp(
      `\\bI (?:have|own|got|adopted) (?:a|an|two|three) (dogs?|cats?|puppy|kitten|rabbit|hamster|parrot|bird)${'(?: named ([A-Z][\\p{L}-]+))?'}`,
      'iu'
    ),
    build: (m, user) => ({
      kind: 'fact',
      subject: null,
      text: `${user} has a ${m[1]!.toLowerCase()}${m[2] ? ` named ${m[2]}` : ''}`,
      importance: 0.7
    })
  }
]

/**
 * Fast first-person fact rules: they never depend on the loaded model, so "I live in Tokyo" is remembered even with
 * a weak model or none. The model-based extractor adds what these miss.
 */
export function extractFacts(text: string, userName: string): FactCandidate[] {
  const facts: FactCandidate[] = []
  const seen = new Set<string>()
  for (const sentence of text.slice(0, 4000).split(/(?<=[.!?])\s+|\n+/)) {
    for (const rule of rules) {
      const match = sentence.match(rule.pattern)
      if (!match) continue
      const fact = rule.build(match, userName)
      if (!fact || seen.has(fact.text.toLowerCase())) continue
      seen.add(fact.text.toLowerCase())
      facts.push(fact)
    }
  }
  return facts
}
