/** What the user reads when the computer has no way to play sound (no device, or the audio system refused). */
export const NO_AUDIO_OUTPUT =
  'No sound output is available: connect speakers or headphones (or choose them in the system settings), then try again. Chat works as usual.'

/** The error to report when Web Audio could not start or resume; the browser's own is kept as the cause. */
export function noAudioOutputError(cause: unknown): Error {
  const detail = cause instanceof Error ? ` (${cause.message})` : ''
  return new Error(`${NO_AUDIO_OUTPUT}${detail}`, { cause })
}

/** A Web Audio output; a machine without one (the AudioContext cannot be made) gets a sentence, not a DOMException. */
export function openAudioOutput(): AudioContext {
  try {
    return new AudioContext()
  } catch (cause) {
    throw noAudioOutputError(cause)
  }
}
