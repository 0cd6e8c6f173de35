import type { VoiceSegment, VoiceTranscribeResult } from '../../shared/contract/voice'
import { toErrorInfo } from '../../shared/errors'
import { resampleLinear } from './resampleLinear'
import type { SpeechRecognizer } from './SpeechRecognizer'
import { SerialQueue } from '../util/SerialQueue'
import { VAD_SAMPLE_RATE, VoiceActivityDetector, type SpeechSegment } from './VoiceActivityDetector'
import type { EventBus } from '../util/EventBus'

/**
 * One microphone session: audio chunks go through the voice-activity detector; the user starting to speak is
 * announced at once (so playback can stop: barge-in), and each utterance, once a pause ends it, is transcribed in
 * order and announced (a turn in call mode). Stop transcribes what is still open and returns everything heard.
 */
export class ListenSession {
  private readonly transcriptions = new SerialQueue()
  private readonly segments: VoiceSegment[] = []
  private heardSamples = 0
  private wasSpeaking = false

  constructor(
    readonly sessionId: string,
    private readonly vad: VoiceActivityDetector,
    private readonly recognizer: SpeechRecognizer,
    private readonly sampleRate: number,
    private readonly events: EventBus
  ) {}

  /** Feeds audio at the session's rate; says whether the latest of it is speech. */
  accept(samples: Float32Array): { isSpeaking: boolean } {
    const audio = resampleLinear(samples, this.sampleRate, VAD_SAMPLE_RATE)
    const ended = this.vad.accept(audio)
    this.heardSamples += audio.length
    const isSpeaking = this.vad.isSpeaking
    this.finishAll(ended)
    if (isSpeaking && (ended.length > 0 || !this.wasSpeaking)) this.announceStart(this.heardSamples / VAD_SAMPLE_RATE)
    this.wasSpeaking = isSpeaking
    return { isSpeaking }
  }

  /** Ends the session: the utterance still open is transcribed too. */
  async stop(): Promise<VoiceTranscribeResult> {
    this.finishAll(this.vad.flush())
    this.wasSpeaking = false
    await this.transcriptions.settle()
    this.vad.dispose()
    return { text: joinTexts(this.segments), segments: [...this.segments] }
  }

  /** Drops the session without transcribing what is left (the app is closing). */
  dispose(): void {
    this.vad.dispose()
  }

  private announceStart(atSeconds: number): void {
    this.events.emit('voice.speech', { sessionId: this.sessionId, state: 'start', atSeconds })
  }

  /** Utterances that began and ended since the last announcement still announce their start before their end. */
  private finishAll(ended: SpeechSegment[]): void {
    ended.forEach((segment, index) => {
      if (index > 0 || !this.wasSpeaking) this.announceStart(segment.startSeconds)
      this.finish(segment)
    })
  }

  private finish(segment: SpeechSegment): void {
    this.events.emit('voice.speech', { sessionId: this.sessionId, state: 'end', atSeconds: segment.endSeconds })
    void this.transcriptions.run(async () => {
      try {
        const text = await this.recognizer.transcribe(segment.samples)
        const done = { startSeconds: segment.startSeconds, endSeconds: segment.endSeconds, text }
        this.segments.push(done)
        this.events.emit('voice.transcript', { sessionId: this.sessionId, segment: done })
      } catch (error) {
        this.events.emit('voice.error', { sessionId: this.sessionId, error: toErrorInfo(error) })
      }
    })
  }
}

export function joinTexts(segments: readonly VoiceSegment[]): string {
  return segments
    .map((s) => s.text)
    .filter((t) => t !== '')
    .join(' ')
}
