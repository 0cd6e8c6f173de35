import { useCallback, useEffect, useRef, useState } from 'react'
import { useAction } from '../../components/useAction'
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
  const { error, run, fail, dismiss } = useAction()
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
    // Not through `run`: a recording the recogniser ended keeps the error that ended it.
    await current
      .stop()
      .then((result) => {
        if (result.text.trim()) transcriptRef.current(result.text.trim())
        else fail('No speech was heard.')
      })
      .catch(fail)
    move('idle')
  }, [fail])

  const start = useCallback(async () => {
    if (stateRef.current !== 'idle') return
    move('starting')
    const isStarted = await run(async () => {
      session.current = await VoiceListening.start({
        onLevel: setLevel,
        onError: (message) => {
          fail(message)
          void stop()
        }
      })
    })
    move(isStarted ? 'recording' : 'idle')
  }, [run, fail, stop])

  // Leaving the chat mid-recording releases the microphone.
  useEffect(
    () => () => {
      void session.current?.stop().catch(() => undefined) // the view is gone: nobody is left to tell
    },
    []
  )

  return { state, level, error, start, stop, clearError: dismiss }
}
