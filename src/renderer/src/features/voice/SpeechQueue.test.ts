import { describe, expect, it } from 'vitest'
import { NEUTRAL_PROSODY } from '../../../../shared/voice/prosodyFor'
import { SpeechQueue, type Utterance } from './SpeechQueue'
import { ManualEngine } from './manualEngineForTest'

const say = (text: string): Utterance => ({
  text,
  voice: { kind: 'system', voiceName: null },
  speed: 1,
  prosody: { ...NEUTRAL_PROSODY }
})

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

function setup(): { engine: ManualEngine; queue: SpeechQueue; log: string[] } {
  const engine = new ManualEngine()
  const log: string[] = []
  const queue = new SpeechQueue(engine, {
    onStart: (u) => log.push(`start ${u.text}`),
    onEnd: (u) => log.push(`end ${u.text}`),
    onIdle: () => log.push('idle'),
    onError: (e) => log.push(`error ${(e as Error).message}`)
  })
  return { engine, queue, log }
}

describe('SpeechQueue', () => {
  it('plays pieces one after another, each after the previous one ended', async () => {
    const { engine, queue, log } = setup()
    queue.enqueue(say('One.'))
    queue.enqueue(say('Two.'))
    await settle()
    expect(engine.played).toEqual(['One.'])
    engine.end('One.')
    await settle()
    expect(engine.played).toEqual(['One.', 'Two.'])
    engine.end('Two.')
    await settle()
    expect(log).toEqual(['start One.', 'end One.', 'start Two.', 'end Two.', 'idle'])
    expect(queue.isSpeaking).toBe(false)
  })

  it('prepares the next piece while the current one plays, not the whole queue at once', async () => {
    const { engine, queue } = setup()
    for (const text of ['A.', 'B.', 'C.', 'D.']) queue.enqueue(say(text))
    await settle()
    expect(engine.played).toEqual(['A.'])
    expect(engine.prepared).toEqual(['A.', 'B.'])
    engine.end('A.')
    await settle()
    expect(engine.prepared).toEqual(['A.', 'B.', 'C.'])
  })

  it('stop cuts the piece being played and drops the queue', async () => {
    const { engine, queue, log } = setup()
    for (const text of ['A.', 'B.', 'C.']) queue.enqueue(say(text))
    await settle()
    queue.stop()
    await settle()
    expect(engine.aborted).toEqual(['A.'])
    expect(engine.played).toEqual(['A.'])
    // B was being prepared ahead (a neural request): it is called off too; C was never started.
    expect(engine.preparationsAborted).toEqual(['A.', 'B.'])
    expect(queue.isSpeaking).toBe(false)
    expect(queue.pending).toBe(0)
    expect(log).toEqual(['start A.', 'idle'])
    // The queue works again afterwards, with nothing of the dropped reply left in it.
    queue.enqueue(say('New.'))
    await settle()
    expect(engine.played).toEqual(['A.', 'New.'])
  })

  it('a piece whose preparation finishes after stop is never played', async () => {
    const engine = new ManualEngine()
    let release: (value: string) => void = () => undefined
    engine.prepare = (u) => {
      engine.prepared.push(u.text)
      return new Promise((resolve) => (release = resolve))
    }
    const queue = new SpeechQueue(engine)
    queue.enqueue(say('Slow.'))
    queue.stop()
    release('Slow.')
    await settle()
    expect(engine.played).toEqual([])
  })

  it('a piece that cannot be prepared reports the error once and drops the rest', async () => {
    const { engine, queue, log } = setup()
    engine.failPrepareOf = 'B.'
    for (const text of ['A.', 'B.', 'C.']) queue.enqueue(say(text))
    await settle()
    engine.end('A.')
    await settle()
    expect(engine.played).toEqual(['A.'])
    expect(log).toEqual(['start A.', 'end A.', 'error no voice model', 'idle'])
    expect(queue.isSpeaking).toBe(false)
  })
})
