import { SpeakableSplitter, type Speakable } from '../../../../shared/voice/splitSpeakable'
import { NEUTRAL_PROSODY, type Prosody } from '../../../../shared/voice/prosodyFor'
import type { Utterance, VoiceRef } from './SpeechQueue'

/** A voice as the reader needs it: who speaks and at what base speed. */
export interface ReaderVoice {
  voice: VoiceRef
  speed: number
}

export interface ReaderOptions {
  /** The character's voice, for its own words. */
  character: ReaderVoice
  /** `*actions*` and `((OOC))`: skipped (null) or read by this voice, without the character's emotion. */
  narrator: ReaderVoice | null
  /** The emotion's effect on the character's words, asked for each sentence (the mood can arrive mid-reply). */
  prosody(): Prosody
  /** The speaker of a multi-speaker neural voice for the mood, asked like prosody; undefined: the voice's own. */
  speakerId?(): number | undefined
  /** Where the utterances go (a SpeechQueue's enqueue). */
  say(utterance: Utterance): void
}

/**
 * Reads one reply aloud while it streams: each token delta goes to the sentence splitter, and every sentence is
 * handed on the moment it ends, so speech starts at the end of the first sentence rather than after the reply.
 */
export class ReplyReader {
  private readonly splitter = new SpeakableSplitter()
  private isFinished = false

  constructor(private readonly options: ReaderOptions) {}

  /** True once the reply ended or reading it was cancelled. */
  get isDone(): boolean {
    return this.isFinished
  }

  push(delta: string): void {
    if (this.isFinished) return
    for (const piece of this.splitter.push(delta)) this.read(piece)
  }

  /** The reply is complete: its last words (without final punctuation) are read too. */
  finish(): void {
    if (this.isFinished) return
    for (const piece of this.splitter.flush()) this.read(piece)
    this.isFinished = true
  }

  /** Stops feeding: later deltas are ignored (the queue itself is stopped by its owner). */
  cancel(): void {
    this.isFinished = true
  }

  private read(piece: Speakable): void {
    const utterance = utteranceFor(piece, this.options)
    if (utterance) this.options.say(utterance)
  }
}

/** One piece as an utterance, or null when asides are skipped. */
export function utteranceFor(piece: Speakable, options: Omit<ReaderOptions, 'say'>): Utterance | null {
  if (piece.kind === 'speech') {
    const { voice, speed } = options.character
    const speakerId = options.speakerId?.()
    const speaking = voice.kind === 'neural' && speakerId !== undefined ? { ...voice, speakerId } : voice
    return { text: piece.text, voice: speaking, speed, prosody: options.prosody() }
  }
  if (options.narrator === null) return null
  const { voice, speed } = options.narrator
  return { text: piece.text, voice, speed, prosody: { ...NEUTRAL_PROSODY } }
}
