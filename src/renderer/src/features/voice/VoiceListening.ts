import type { VoiceTranscribeResult } from '../../../../shared/contract'
import { api } from '../../api'
import { CAPTURE_RATE, MicCapture } from './MicCapture'
import { micErrorMessage } from './micErrorMessage'
import { int16ToBase64 } from './pcmBase64'

export interface ListeningOptions {
  /** The pause that ends an utterance (a turn in a call). */
  endSilenceSeconds?: number
  onLevel?(level: number): void
  /** Each chunk's verdict from the service's voice-activity detector. */
  onSpeaking?(isSpeaking: boolean): void
  /** Sending audio failed; the session is over. */
  onError?(message: string): void
}

let sessionCounter = 0

/**
 * A microphone session with the main process: audio goes to voice.listenChunk 100 ms at a time, in order (one
 * request after another), and voice.speech / voice.transcript events come back under `sessionId`. The session is
 * opened before the microphone, so a missing speech model is reported before the user is asked for permission.
 */
export class VoiceListening {
  private sending: Promise<void> = Promise.resolve()
  private isOver = false

  private constructor(
    readonly sessionId: string,
    private capture: MicCapture | null
  ) {}

  static async start(options: ListeningOptions = {}): Promise<VoiceListening> {
    const sessionId = `mic-${Date.now().toString(36)}-${++sessionCounter}`
    // Read at each start, so a recogniser chosen on the Models screen is used by the next recording or call.
    const { sttModelId } = (await api.settings.get({})).voice
    await api.voice.listenStart({
      sessionId,
      sampleRate: CAPTURE_RATE,
      ...(sttModelId ? { modelId: sttModelId } : {}),
      ...(options.endSilenceSeconds ? { endSilenceSeconds: options.endSilenceSeconds } : {})
    })
    const listening = new VoiceListening(sessionId, null)
    try {
      listening.capture = await MicCapture.start({
        onLevel: options.onLevel,
        onChunk: (pcm) => listening.send(pcm, options)
      })
    } catch (error) {
      await api.voice.listenStop({ sessionId }).catch(() => undefined) // nothing was heard; only closing it
      throw new Error(micErrorMessage(error), { cause: error })
    }
    return listening
  }

  private send(pcm: Int16Array, options: ListeningOptions): void {
    if (this.isOver) return
    const audioBase64 = int16ToBase64(pcm)
    this.sending = this.sending
      .then(() => (this.isOver ? undefined : api.voice.listenChunk({ sessionId: this.sessionId, audioBase64 })))
      .then((result) => result && options.onSpeaking?.(result.isSpeaking))
      .catch((error: unknown) => {
        if (this.isOver) return
        this.isOver = true
        void this.capture?.stop()
        options.onError?.(error instanceof Error ? error.message : String(error))
      })
  }

  /** Releases the microphone, sends what was still on its way and returns everything the session heard. */
  async stop(): Promise<VoiceTranscribeResult> {
    await this.capture?.stop()
    this.capture = null
    await this.sending
    this.isOver = true
    return api.voice.listenStop({ sessionId: this.sessionId })
  }
}
