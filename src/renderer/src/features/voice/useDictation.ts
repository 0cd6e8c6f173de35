import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api'
import { VoiceListening } from './VoiceListening'

export type DictationState = 'idle' | 'starting' | 'recording' | 'transcribing'

export interface Dictation {
  state: DictationState
  /** Loudness of the latest 100 ms, 0..1. */
  level: number
  error: string | null
  start(): Promise<void>
  /** Ends the recording; the transcript goes to onTranscript. */
  stop(): Promise<void>
  clearError(): void
}

/** Speech to text for the composer: record, then the local recogniser's transcript is handed over. */
export function useDictation(onTranscript: (text: string) => void): Dictation {
  const [state, setState] = useState<DictationState>('idle')
  const [level, setLevel] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const session = useRef<VoiceListening | null>(null)
  const stateRef = useRef<DictationState>('idle')
  const transcriptRef = useRef(onTranscript)
  useEffect(() => {
    transcriptRef.current = onTranscript
  }, [onTranscript])
  const move = (next: DictationState): void => {
    stateRef.current = next
    setState(next)
  }

  const stop = useCallback(async () => {
    const current = session.current
    if (!current || stateRef.current !== 'recording') return
    session.current = null
    move('transcribing')
    setLevel(0)
    try {
      const result = await current.stop()
      if (result.text.trim()) transcriptRef.current(result.text.trim())
      else setError('No speech was heard.')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      move('idle')
    }
  }, [])

  const start = useCallback(async () => {
    if (stateRef.current !== 'idle') return
    setError(null)
    move('starting')
    try {
      session.current = await VoiceListening.start({
        onLevel: setLevel,
        onError: (message) => {
          setError(message)
          void stop()
        }
      })
      move('recording')
    } catch (e) {
      setError(errorMessage(e))
      move('idle')
    }
  }, [stop])

  // Leaving the chat mid-recording releases the microphone.
  useEffect(
    () => () => {
      void session.current?.stop().catch(() => undefined) // the view is gone: nobody is left to tell
    },
    []
  )

  return { state, level, error, start, stop, clearError: () => setError(null) }
}
