import { describe, expect, it } from 'vitest'
import { NEUTRAL_PROSODY, prosodyFor, type Prosody } from '../../../../shared/voice/prosodyFor'
import { ReplyReader, type ReaderOptions } from './ReplyReader'
import type { Utterance } from './SpeechQueue'

const character = { voice: { kind: 'system', voiceName: 'Aiko' }, speed: 1.1 } as const
const narrator = { voice: { kind: 'system', voiceName: 'Narrator' }, speed: 1 } as const

function reader(options: Partial<ReaderOptions> = {}): { reader: ReplyReader; said: Utterance[] } {
  const said: Utterance[] = []
  const reader = new ReplyReader({
    character,
    narrator: null,
    prosody: () => ({ ...NEUTRAL_PROSODY }),
    say: (u) => said.push(u),
    ...options
  })
  return { reader, said }
}

describe('ReplyReader', () => {
  it('hands on the first sentence as soon as it ends, while the reply still streams', () => {
    const { reader: r, said } = reader()
    for (const delta of ['Hel', 'lo the', 're', '. How', ' are']) r.push(delta)
    // "Hello there." ended when ". " arrived; the second sentence waits for its end.
    expect(said.map((u) => u.text)).toEqual(['Hello there.'])
    r.push(' you? I')
    expect(said.map((u) => u.text)).toEqual(['Hello there.', 'How are you?'])
    r.finish()
    expect(said.map((u) => u.text)).toEqual(['Hello there.', 'How are you?', 'I'])
    expect(said[0]).toMatchObject({ voice: character.voice, speed: 1.1 })
  })

  it('skips *actions* and ((OOC)) by default', () => {
    const { reader: r, said } = reader()
    r.push('*smiles* Hi! ((brb)) Bye.')
    r.finish()
    expect(said.map((u) => u.text)).toEqual(['Hi!', 'Bye.'])
  })

  it('reads asides in the narrator voice, without the emotion', () => {
    const sad: Prosody = prosodyFor({ label: 'sadness', confidence: 1 }, 1)
    const { reader: r, said } = reader({ narrator, prosody: () => sad })
    r.push('*sighs* I miss you. ((ooc: sorry))')
    r.finish()
    expect(said.map((u) => [u.text, u.voice])).toEqual([
      ['sighs', narrator.voice],
      ['I miss you.', character.voice],
      ['ooc: sorry', narrator.voice]
    ])
    expect(said[0]!.prosody).toEqual(NEUTRAL_PROSODY)
    expect(said[1]!.prosody).toEqual(sad)
  })

  it('asks for the emotion per sentence, so a mood read mid-reply applies to what follows', () => {
    let mood: Prosody = { ...NEUTRAL_PROSODY }
    const { reader: r, said } = reader({ prosody: () => mood })
    r.push('First. ')
    mood = prosodyFor({ label: 'joy', confidence: 1 }, 1)
    r.push('Second. ')
    expect(said[0]!.prosody).toEqual(NEUTRAL_PROSODY)
    expect(said[1]!.prosody.rate).toBeGreaterThan(1)
  })

  it('says nothing more once cancelled or finished', () => {
    const { reader: r, said } = reader()
    r.push('One. Two')
    r.cancel()
    r.push('. Three.')
    r.finish()
    expect(said.map((u) => u.text)).toEqual(['One.'])
  })
})
