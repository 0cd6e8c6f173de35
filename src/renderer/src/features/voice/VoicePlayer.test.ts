import { describe, expect, it } from 'vitest'
import { NEUTRAL_PROSODY } from '../../../../shared/voice/prosodyFor'
import { ManualEngine } from './manualEngineForTest'
import type { Utterance } from './SpeechQueue'
import { VoicePlayer } from './VoicePlayer'

const voice = { voice: { kind: 'system', voiceName: null }, speed: 1 } as const
const reading = { character: voice, narrator: null, prosody: () => ({ ...NEUTRAL_PROSODY }) }
const say = (text: string): Utterance => ({ text, ...voice, prosody: { ...NEUTRAL_PROSODY } })
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('VoicePlayer', () => {
  it('stays on a streaming reply between its sentences and falls silent after its last one', async () => {
    const engine = new ManualEngine()
    const player = new VoicePlayer(engine)
    const feed = player.read('stream-1', reading)
    feed.push('Hello. Still typ')
    await settle()
    expect(engine.played).toEqual(['Hello.'])
    engine.end('Hello.')
    await settle()
    // The queue is empty while the model writes the next sentence: the reply is still being read.
    expect(player.getState()).toMatchObject({ speakingKey: 'stream-1', isSounding: false })
    feed.push('ing. Bye')
    feed.finish()
    await settle()
    expect(engine.played).toEqual(['Hello.', 'Still typing.'])
    engine.end('Still typing.')
    await settle()
    engine.end('Bye')
    await settle()
    expect(player.getState().speakingKey).toBeNull()
  })

  it('a reply that ends after its speech was heard falls silent at once', async () => {
    const engine = new ManualEngine()
    const player = new VoicePlayer(engine)
    const feed = player.read('stream-1', reading)
    feed.push('Done. ')
    await settle()
    engine.end('Done.')
    await settle()
    feed.finish()
    expect(player.getState().speakingKey).toBeNull()
  })

  it('stop drops the reply being read: its later sentences are not spoken', async () => {
    const engine = new ManualEngine()
    const player = new VoicePlayer(engine)
    const feed = player.read('stream-1', reading)
    feed.push('One. Two. ')
    await settle()
    player.stop()
    feed.push('Three. ')
    feed.finish()
    await settle()
    expect(engine.played).toEqual(['One.'])
    expect(engine.aborted).toEqual(['One.'])
    expect(player.getState().speakingKey).toBeNull()
  })

  it('speaking something else silences what was being read', async () => {
    const engine = new ManualEngine()
    const player = new VoicePlayer(engine)
    player.speak('message-a', [say('A one.'), say('A two.')])
    await settle()
    player.speak('message-b', [say('B one.')])
    await settle()
    expect(engine.aborted).toEqual(['A one.'])
    expect(engine.played).toEqual(['A one.', 'B one.'])
    expect(player.getState().speakingKey).toBe('message-b')
  })

  it('an engine failure is shown once and leaves the player silent', async () => {
    const engine = new ManualEngine()
    engine.failPrepareOf = 'Broken.'
    const player = new VoicePlayer(engine)
    player.speak('m', [say('Broken.'), say('Never.')])
    await settle()
    expect(player.getState()).toMatchObject({ speakingKey: null, error: 'no voice model' })
    expect(engine.played).toEqual([])
  })
})
