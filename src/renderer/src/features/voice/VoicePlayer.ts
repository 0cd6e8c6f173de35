import { errorMessage } from '../../api'
import { ReplyReader, type ReaderOptions } from './ReplyReader'
import { SpeechQueue, type SpeechEngine, type Utterance } from './SpeechQueue'

/** A reply being read while it streams. */
export interface ReplyFeed {
  push(delta: string): void
  /** The reply is complete (or was stopped): its last words are read and then the player falls silent. */
  finish(): void
}

export interface VoicePlayerState {
  /** What is being read: a message id, a reply's stream id, 'preview', ...; null when silent. */
  speakingKey: string | null
  /** True while a piece is actually sounding (not only queued or being prepared). */
  isSounding: boolean
  error: string | null
}

/**
 * The app's one voice output: whatever starts speaking silences what spoke before, so two replies never talk over
 * each other. React reads its state through subscribe/getState (useSyncExternalStore).
 */
export class VoicePlayer {
  private readonly queue: SpeechQueue
  private state: VoicePlayerState = { speakingKey: null, isSounding: false, error: null }
  private readonly listeners = new Set<() => void>()
  private reader: ReplyReader | null = null

  constructor(engine: SpeechEngine) {
    this.queue = new SpeechQueue(engine, {
      onStart: () => this.set({ isSounding: true }),
      onEnd: () => this.set({ isSounding: false }),
      // Between two sentences of a reply still streaming the queue runs dry, but the reading goes on.
      onIdle: () =>
        this.set(this.reader?.isDone === false ? { isSounding: false } : { speakingKey: null, isSounding: false }),
      onError: (error) => this.set({ error: errorMessage(error) })
    })
  }

  readonly getState = (): VoicePlayerState => this.state

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Reads these pieces (a finished message, a preview) instead of whatever is being read. */
  speak(key: string, utterances: readonly Utterance[]): void {
    this.stop()
    if (utterances.length === 0) return
    this.set({ speakingKey: key, error: null })
    for (const utterance of utterances) this.queue.enqueue(utterance)
  }

  /** Starts reading a reply as it streams; feed the returned reader the reply's deltas, then finish it. */
  read(key: string, options: Omit<ReaderOptions, 'say'>): ReplyFeed {
    this.stop()
    this.set({ speakingKey: key, error: null })
    const reader = new ReplyReader({
      ...options,
      say: (utterance) => {
        // Speaking may have been stopped meanwhile: a later sentence of the same reply must not restart it.
        if (this.reader === reader) this.queue.enqueue(utterance)
      }
    })
    this.reader = reader
    return {
      push: (delta) => reader.push(delta),
      finish: () => {
        reader.finish()
        if (this.reader === reader && !this.queue.isSpeaking) this.set({ speakingKey: null, isSounding: false })
      }
    }
  }

  /** Silences everything at once and drops what was queued (Stop, barge-in). */
  stop(): void {
    this.reader?.cancel()
    this.reader = null
    this.queue.stop()
    if (this.state.speakingKey !== null || this.state.isSounding) this.set({ speakingKey: null, isSounding: false })
  }

  /** The reply being read has ended: once its queue runs dry the player is silent. */
  get isBusy(): boolean {
    return this.queue.isSpeaking
  }

  clearError(): void {
    this.set({ error: null })
  }

  private set(patch: Partial<VoicePlayerState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}
