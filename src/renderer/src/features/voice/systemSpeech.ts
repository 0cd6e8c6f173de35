import { systemParams } from './playbackParams'
import type { SpeechEngine, Utterance } from './SpeechQueue'

/** How long the voice list may take to appear (speech-dispatcher starts on first use and lists every voice). */
const VOICES_WAIT_MS = 10_000

export function hasSystemSpeech(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window
}

/**
 * The system's voices. Chromium fills the list asynchronously (and on Linux only with speech-dispatcher and the
 * `enable-speech-dispatcher` switch), so an empty list is waited on for a moment before it is believed.
 */
export async function loadSystemVoices(): Promise<SpeechSynthesisVoice[]> {
  if (!hasSystemSpeech()) return []
  const synth = window.speechSynthesis
  const now = synth.getVoices()
  if (now.length > 0) return now
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      synth.removeEventListener('voiceschanged', onChange)
      resolve(synth.getVoices())
    }
    const onChange = (): void => {
      if (synth.getVoices().length > 0) done()
    }
    const timer = setTimeout(done, VOICES_WAIT_MS)
    synth.addEventListener('voiceschanged', onChange)
  })
}

/** The voice of that name, or for no name (or a voice gone from this machine) the best one for the app's language. */
export function pickSystemVoice(
  voices: readonly SpeechSynthesisVoice[],
  name: string | null,
  language = navigator.language
): SpeechSynthesisVoice | null {
  const named = name === null ? undefined : voices.find((v) => v.name === name)
  if (named) return named
  const primary = language.split('-')[0]?.toLowerCase() ?? ''
  const exact = voices.filter((v) => v.lang.toLowerCase() === language.toLowerCase())
  const sameLanguage = voices.filter((v) => v.lang.toLowerCase().split(/[-_]/)[0] === primary)
  const pool = exact.length > 0 ? exact : sameLanguage.length > 0 ? sameLanguage : voices
  return pool.find((v) => v.default) ?? pool[0] ?? null
}

/**
 * Speaks through the Web Speech API. One utterance is handed to the browser at a time (the queue above decides
 * what is next), so cancelling the browser's queue never drops anything but the piece being spoken.
 */
export function createSystemSpeech(): SpeechEngine<SpeechSynthesisUtterance> {
  return {
    async prepare(utterance: Utterance): Promise<SpeechSynthesisUtterance> {
      if (!hasSystemSpeech()) throw new Error('This browser has no speech voices (the Web Speech API is missing).')
      const voices = await loadSystemVoices()
      if (voices.length === 0)
        throw new Error(
          'No system voices are installed. On Linux install speech-dispatcher with espeak-ng, or choose a local voice model for the character.'
        )
      const spoken = new SpeechSynthesisUtterance(utterance.text)
      const voiceName = utterance.voice.kind === 'system' ? utterance.voice.voiceName : null
      const voice = pickSystemVoice(voices, voiceName)
      if (voice) {
        spoken.voice = voice
        spoken.lang = voice.lang
      }
      Object.assign(spoken, systemParams(utterance))
      return spoken
    },

    play(spoken: SpeechSynthesisUtterance, _utterance: Utterance, signal: AbortSignal): Promise<void> {
      const synth = window.speechSynthesis
      return new Promise((resolve, reject) => {
        if (signal.aborted) return resolve()
        const onAbort = (): void => {
          synth.cancel()
          resolve()
        }
        spoken.onend = () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        }
        spoken.onerror = (event) => {
          signal.removeEventListener('abort', onAbort)
          // Our own cancel (Stop, barge-in) ends an utterance with one of these; it is not a failure.
          if (event.error === 'interrupted' || event.error === 'canceled' || signal.aborted) return resolve()
          reject(new Error(`The system voice could not speak (${event.error}).`))
        }
        signal.addEventListener('abort', onAbort, { once: true })
        synth.speak(spoken)
      })
    }
  }
}
