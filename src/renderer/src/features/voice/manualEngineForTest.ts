import type { SpeechEngine, Utterance } from './SpeechQueue'

/**
 * A stand-in for the browser's audio output (speechSynthesis or Web Audio, which do not exist in Node): it records
 * what was prepared and played, and each playback ends only when the test says so, as a real voice ends when the
 * sentence has been heard.
 */
export class ManualEngine implements SpeechEngine<string> {
  readonly prepared: string[] = []
  readonly played: string[] = []
  readonly aborted: string[] = []
  private readonly endings = new Map<string, () => void>()
  failPrepareOf: string | null = null

  /** Pieces whose preparation was called off (dropped before their turn). */
  readonly preparationsAborted: string[] = []

  prepare(utterance: Utterance, signal: AbortSignal): Promise<string> {
    this.prepared.push(utterance.text)
    signal.addEventListener('abort', () => this.preparationsAborted.push(utterance.text))
    if (utterance.text === this.failPrepareOf) return Promise.reject(new Error('no voice model'))
    return Promise.resolve(utterance.text)
  }

  play(prepared: string, _utterance: Utterance, signal: AbortSignal): Promise<void> {
    this.played.push(prepared)
    return new Promise((resolve) => {
      this.endings.set(prepared, resolve)
      signal.addEventListener('abort', () => {
        this.aborted.push(prepared)
        resolve()
      })
    })
  }

  /** The piece being played is heard to its end. */
  end(text: string): void {
    const resolve = this.endings.get(text)
    if (!resolve) throw new Error(`${text} is not playing`)
    this.endings.delete(text)
    resolve()
  }
}
