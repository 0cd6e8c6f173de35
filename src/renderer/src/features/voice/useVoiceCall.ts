import { useCallback, useEffect, useRef, useState } from 'react'
import { onEvent } from '../../api'
import { useAction } from '../../components/useAction'
import { useVoicePlayer, useVoiceState } from './VoiceContext'
import { VoiceListening } from './VoiceListening'

export type CallSpeaker = 'you' | 'character' | 'thinking' | 'listening'

export interface VoiceCall {
  isActive: boolean
  /** Who is speaking now, for the call screen. */
  speaker: CallSpeaker
  /** What the user said last. */
  lastHeard: string
  level: number
  error: string | null
  start(): Promise<void>
  end(): Promise<void>
}

interface CallChat {
  isBusy: boolean
  send(text: string): Promise<boolean>
  stop(): Promise<void>
}

/** A pause this long ends the user's turn. */
const TURN_PAUSE_SECONDS = 0.7

/**
 * Hands-free talk: the microphone stays open; each utterance the service transcribes (a pause ends it) is sent as a
 * message, and the reply is read aloud (the caller turns reading on while the call lasts). When the user starts
 * speaking while the character talks, its voice stops at once and the queued sentences are dropped (barge-in);
 * a reply still being written is stopped too, so the user's words are answered next.
 */
export function useVoiceCall(chat: CallChat): VoiceCall {
  const player = useVoicePlayer()
  const voiceState = useVoiceState()
  const [session, setSession] = useState<VoiceListening | null>(null)
  const [isUserSpeaking, setUserSpeaking] = useState(false)
  const [lastHeard, setLastHeard] = useState('')
  const [level, setLevel] = useState(0)
  const { error, run, fail } = useAction()
  const chatRef = useRef(chat)
  useEffect(() => {
    chatRef.current = chat
  }, [chat])

  useEffect(() => {
    if (!session) return
    const offSpeech = onEvent('voice.speech', ({ sessionId, state }) => {
      if (sessionId !== session.sessionId) return
      setUserSpeaking(state === 'start')
      if (state !== 'start') return
      player.stop()
      if (chatRef.current.isBusy) void chatRef.current.stop()
    })
    const offTranscript = onEvent('voice.transcript', ({ sessionId, segment }) => {
      const text = segment.text.trim()
      if (sessionId !== session.sessionId || !text) return
      setLastHeard(text)
      void chatRef.current.send(text)
    })
    const offError = onEvent('voice.error', ({ sessionId, error: info }) => {
      if (sessionId === session.sessionId) fail(info.message)
    })
    return () => {
      offSpeech()
      offTranscript()
      offError()
    }
  }, [session, player, fail])

  const start = useCallback(async () => {
    await run(async () =>
      setSession(
        await VoiceListening.start({ endSilenceSeconds: TURN_PAUSE_SECONDS, onLevel: setLevel, onError: fail })
      )
    )
  }, [run, fail])

  const end = useCallback(async () => {
    const current = session
    setSession(null)
    setUserSpeaking(false)
    setLevel(0)
    player.stop()
    await current?.stop().catch(fail)
  }, [session, player, fail])

  // Leaving the chat ends the call and releases the microphone.
  const sessionRef = useRef(session)
  useEffect(() => {
    sessionRef.current = session
  }, [session])
  useEffect(
    () => () => {
      void sessionRef.current?.stop().catch(() => undefined) // the view is gone: nobody is left to tell
    },
    []
  )

  const speaker: CallSpeaker = isUserSpeaking
    ? 'you'
    : voiceState.isSounding
      ? 'character'
      : chat.isBusy || voiceState.speakingKey !== null
        ? 'thinking'
        : 'listening'
  return { isActive: session !== null, speaker, lastHeard, level, error, start, end }
}
