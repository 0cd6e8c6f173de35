import type { Prosody } from '../../../../shared/voice/prosodyFor'

/** Who reads a piece: a system voice by name (null = the default for the app's language) or a local neural model. */
export type VoiceRef =
  { kind: 'system'; voiceName: string | null } | { kind: 'neural'; modelId: string; speakerId: number }

/** One piece of speech: a sentence of the character, or an aside read by the narrator. */
export interface Utterance {
  text: string
  voice: VoiceRef
  /** The voice's own speed (the character's setting), before the emotion's rate. */
  speed: number
  prosody: Prosody
}

/**
 * Plays utterances. Preparation (neural synthesis) starts before the piece's turn, so the next sentence is ready
 * when the current one ends; playback resolves once the piece was heard to its end, or at once when the signal
 * aborts (Stop, barge-in).
 */
export interface SpeechEngine<Prepared = unknown> {
  /** `signal` aborts when the piece is dropped before or while it plays (a neural request is then cancelled). */
  prepare(utterance: Utterance, signal: AbortSignal): Promise<Prepared>
  play(prepared: Prepared, utterance: Utterance, signal: AbortSignal): Promise<void>
}

export interface SpeechQueueEvents {
  /** A piece started playing. */
  onStart?(utterance: Utterance): void
  /** A piece was heard to its end. */
  onEnd?(utterance: Utterance): void
  /** Nothing left to say (the queue ran dry, or was stopped). */
  onIdle?(): void
  /** A piece could not be prepared or played: the rest of the queue is dropped. */
  onError?(error: unknown): void
}

interface Entry {
  utterance: Utterance
  prepared: Promise<unknown> | null
  /** Aborts the piece's preparation and playback when it is dropped. */
  abort: AbortController
}

/** How many pieces beyond the one playing are prepared ahead. */
const LOOKAHEAD = 1

/**
 * Speaks utterances one after another. `stop()` cuts the piece being played and drops everything queued, so a
 * Stop button or the user starting to talk (barge-in) silences the character at once.
 */
export class SpeechQueue {
  private readonly entries: Entry[] = []
  private current: Entry | null = null
  /** Bumped by stop(): a playback that resolves after it belongs to a dropped queue and is ignored. */
  private generation = 0

  constructor(
    private readonly engine: SpeechEngine,
    private readonly events: SpeechQueueEvents = {}
  ) {}

  get isSpeaking(): boolean {
    return this.current !== null || this.entries.length > 0
  }

  /** Pieces waiting behind the one playing. */
  get pending(): number {
    return this.entries.length
  }

  enqueue(utterance: Utterance): void {
    this.entries.push({ utterance, prepared: null, abort: new AbortController() })
    this.prepareAhead()
    if (this.current === null) void this.next(this.generation)
  }

  /** Silences the piece being played and drops the queue. */
  stop(): void {
    const wasSpeaking = this.isSpeaking
    this.generation++
    const dropped = [...(this.current ? [this.current] : []), ...this.entries.splice(0)]
    this.current = null
    for (const entry of dropped) entry.abort.abort()
    if (wasSpeaking) this.events.onIdle?.()
  }

  private prepareAhead(): void {
    for (const entry of this.entries.slice(0, LOOKAHEAD + (this.current === null ? 1 : 0))) {
      if (entry.prepared !== null) continue
      entry.prepared = this.engine.prepare(entry.utterance, entry.abort.signal)
      // Failures are reported when the piece's turn comes; until then the rejection must not go unhandled.
      entry.prepared.catch(() => undefined)
    }
  }

  private async next(generation: number): Promise<void> {
    const entry = this.entries.shift()
    if (entry === undefined) {
      this.events.onIdle?.()
      return
    }
    this.current = entry
    entry.prepared ??= this.engine.prepare(entry.utterance, entry.abort.signal)
    this.prepareAhead()
    try {
      const prepared = await entry.prepared
      if (generation !== this.generation) return
      this.events.onStart?.(entry.utterance)
      await this.engine.play(prepared, entry.utterance, entry.abort.signal)
      if (generation !== this.generation) return
      this.events.onEnd?.(entry.utterance)
    } catch (error) {
      if (generation !== this.generation) return
      this.current = null
      for (const dropped of this.entries.splice(0)) dropped.abort.abort()
      this.generation++
      this.events.onError?.(error)
      this.events.onIdle?.()
      return
    }
    this.current = null
    await this.next(generation)
  }
}
