import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SpeakableSplitter, splitSpeakable, type Speakable } from './splitSpeakable'

const speech = (...texts: string[]): Speakable[] => texts.map((text) => ({ kind: 'speech', text }))

function feedInPieces(text: string, cuts: number[]): Speakable[] {
  const splitter = new SpeakableSplitter()
  const pieces: Speakable[] = []
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    pieces.push(...splitter.push(text.slice(from, cut)))
    from = cut
  }
  pieces.push(...splitter.push(text.slice(from)))
  return [...pieces, ...splitter.flush()]
}

describe('splitSpeakable', () => {
  it('splits sentences at . ! ? and keeps their punctuation', () => {
    expect(splitSpeakable('Hello there. How are you? I am great!')).toEqual(
      speech('Hello there.', 'How are you?', 'I am great!')
    )
  })

  it('gives a sentence as soon as it ends, before the reply is over', () => {
    const splitter = new SpeakableSplitter()
    expect(splitter.push('Hi the')).toEqual([])
    expect(splitter.push('re. ')).toEqual(speech('Hi there.'))
    expect(splitter.push('And then')).toEqual([])
    expect(splitter.flush()).toEqual(speech('And then'))
  })

  it('does not end a sentence at abbreviations or decimals', () => {
    expect(splitSpeakable('Mr. Smith met Dr. Jones at 3.14 pm, e.g. at lunch, i.e. noon. Done.')).toEqual(
      speech('Mr. Smith met Dr. Jones at 3.14 pm, e.g. at lunch, i.e. noon.', 'Done.')
    )
    expect(splitSpeakable('Apples, pears, etc. are fruit. Bread etc. No more.')).toEqual(
      speech('Apples, pears, etc. are fruit.', 'Bread etc.', 'No more.')
    )
  })

  it('treats ellipses as trailing off before lowercase and as an ending before a new sentence', () => {
    expect(splitSpeakable('Well... maybe. I guess… Fine. Wait…')).toEqual(
      speech('Well... maybe.', 'I guess…', 'Fine.', 'Wait…')
    )
  })

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(splitSpeakable('She said "Stop!" Then (quietly.) she left.')).toEqual(
      speech('She said "Stop!"', 'Then (quietly.)', 'she left.')
    )
    expect(splitSpeakable('“Really?” he asked.')).toEqual(speech('“Really?”', 'he asked.'))
  })

  it('ends a piece at a newline even without punctuation', () => {
    expect(splitSpeakable('First line\nSecond line\n\nThird')).toEqual(speech('First line', 'Second line', 'Third'))
  })

  it('skips fenced code and keeps the words of inline code', () => {
    expect(splitSpeakable('Here it is:\n```js\nconst a = 1. b = 2!\n```\nRun `npm test` now.')).toEqual(
      speech('Here it is:', 'Run npm test now.')
    )
    expect(splitSpeakable('Look: ```unclosed code. more.')).toEqual(speech('Look:'))
  })

  it('marks *actions* and ((OOC)) as their own pieces', () => {
    expect(splitSpeakable('*smiles softly* Hello! ((brb, dinner)) I missed you.*waves*')).toEqual([
      { kind: 'action', text: 'smiles softly' },
      { kind: 'speech', text: 'Hello!' },
      { kind: 'ooc', text: 'brb, dinner' },
      { kind: 'speech', text: 'I missed you.' },
      { kind: 'action', text: 'waves' }
    ])
    expect(splitSpeakable('I am **very** happy (really).')).toEqual(speech('I am very happy (really).'))
    expect(splitSpeakable('Hi *leans in')).toEqual([
      { kind: 'speech', text: 'Hi' },
      { kind: 'action', text: 'leans in' }
    ])
  })

  it('drops pieces with nothing to say', () => {
    expect(splitSpeakable('...\n — \n**')).toEqual([])
    expect(splitSpeakable('')).toEqual([])
  })

  it('gives the same pieces one character at a time as all at once', () => {
    const text =
      'Mr. Lee said "Hi!" *bows* ((ooc: lag)) Pi is 3.14... roughly. Wow…\n```\ncode. here!\n```\nBye e.g. now. End'
    const oneByOne = new SpeakableSplitter()
    const pieces = [...text].flatMap((char) => oneByOne.push(char))
    expect([...pieces, ...oneByOne.flush()]).toEqual(splitSpeakable(text))
  })

  it('gives the same pieces however the text is cut into deltas (property)', () => {
    const token = fc.constantFrom(
      'Hello',
      ' ',
      'world',
      '.',
      '!',
      '?',
      '...',
      '…',
      '"',
      '”',
      ')',
      '(',
      '((',
      '))',
      '*',
      '**',
      '`',
      '```',
      '\n',
      'Mr.',
      'e.g.',
      'etc.',
      '3.14',
      'yes',
      'No',
      'she'
    )
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.array(fc.nat(200), { maxLength: 10 }), (tokens, cuts) => {
        const text = tokens.join('')
        const bounded = cuts.map((cut) => cut % (text.length + 1))
        expect(feedInPieces(text, bounded)).toEqual(splitSpeakable(text))
      }),
      { numRuns: 300 }
    )
  })
})
