import { api } from '../../api'
import { neuralParams } from './playbackParams'
import { base64ToFloat32 } from './pcmBase64'
import { noAudioOutputError } from './openAudioOutput'
import type { SpeechEngine, Utterance } from './SpeechQueue'

interface PreparedAudio {
  buffer: AudioBuffer
  playbackRate: number
  gain: number
}

/** The engines' speed range (contract/voice.ts). */
const MIN_SPEED = 0.5
const MAX_SPEED = 2

let requestCounter = 0

/**
 * Local neural voices: each sentence is synthesised in the main process (voice.synthesize) and played through Web
 * Audio, which gives the pitch (playbackRate, see neuralParams) and the volume (a gain), and can be cut at once for
 * Stop or barge-in. The emotion is already in the utterance's prosody, so the service is asked for no emotion of its own.
 */
export function createNeuralSpeech(context: () => AudioContext): SpeechEngine<PreparedAudio> {
  return {
    async prepare(utterance: Utterance, signal: AbortSignal): Promise<PreparedAudio> {
      if (utterance.voice.kind !== 'neural') throw new Error('Not a local voice.')
      if (!utterance.voice.modelId) throw new Error('Choose a voice model for this character (character editor).')
      const params = neuralParams(utterance)
      const requestId = `tts-${Date.now().toString(36)}-${++requestCounter}`
      const cancel = (): void => void api.voice.cancel({ requestId }).catch(() => undefined) // already finished
      signal.addEventListener('abort', cancel, { once: true })
      try {
        const result = await api.voice.synthesize({
          text: utterance.text,
          modelId: utterance.voice.modelId,
          speakerId: utterance.voice.speakerId,
          speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, params.synthesisSpeed)),
          emotion: null,
          emotionStrength: 0,
          requestId
        })
        const samples = base64ToFloat32(result.audioBase64)
        const buffer = context().createBuffer(1, Math.max(1, samples.length), result.sampleRate)
        buffer.copyToChannel(samples, 0)
        return { buffer, playbackRate: params.playbackRate, gain: params.gain }
      } finally {
        signal.removeEventListener('abort', cancel)
      }
    },

    async play(prepared: PreparedAudio, _utterance: Utterance, signal: AbortSignal): Promise<void> {
      if (signal.aborted) return
      const audio = context()
      // A context made before the user touched the page starts suspended (autoplay policy).
      if (audio.state === 'suspended')
        await audio.resume().catch((cause: unknown) => {
          throw noAudioOutputError(cause)
        })
      const source = audio.createBufferSource()
      source.buffer = prepared.buffer
      source.playbackRate.value = prepared.playbackRate
      const gain = audio.createGain()
      gain.gain.value = prepared.gain
      source.connect(gain).connect(audio.destination)
      await new Promise<void>((resolve) => {
        const onAbort = (): void => {
          source.onended = null
          source.stop()
          resolve()
        }
        source.onended = () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        }
        signal.addEventListener('abort', onAbort, { once: true })
        source.start()
      })
      source.disconnect()
      gain.disconnect()
    }
  }
}
