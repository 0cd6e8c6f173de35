import { useLayoutEffect, useMemo, useRef } from 'react'
import type { ChatVoice } from '../voice/useChatVoice'
import type { MessageActions } from './MessageBubble'
import type { ChatState } from './useChat'

export interface ListActions {
  actions: MessageActions
  onOlder: () => void
  onNewer: () => void
}

/**
 * What the message list can do to the chat, stable for the life of the view, so memoised bubbles are not re-rendered
 * by a new callback each render: each call goes to the latest chat and voice state.
 */
export function useMessageActions(chat: ChatState, voice: ChatVoice): ListActions {
  const latest = useRef(chat)
  const latestVoice = useRef(voice)
  useLayoutEffect(() => {
    latest.current = chat
    latestVoice.current = voice
  }, [chat, voice])
  const actions = useMemo<MessageActions>(
    () => ({
      edit: (message, content) => void latest.current.edit(message, content),
      remove: (message, keepMemories) => void latest.current.remove(message, keepMemories),
      swipe: (message, delta) => void latest.current.swipe(message, delta),
      regenerate: () => void latest.current.regenerate(),
      continueReply: () => void latest.current.continueReply(),
      speak: (message) => latestVoice.current.speak(message),
      stopSpeaking: () => latestVoice.current.stop(),
      // SillyTavern's swipes: finger to the left shows the next version (a new one past the last), to the right the
      // previous.
      swipeGesture: (message, direction) => {
        const current = latest.current
        if (current.streaming) return
        if (direction === 'right') {
          if (message.swipeIndex > 0) void current.swipe(message, -1)
        } else if (message.swipeIndex < message.swipes.length - 1) void current.swipe(message, 1)
        else void current.regenerate()
      }
    }),
    []
  )
  const onOlder = useMemo(() => () => void latest.current.loadOlder(), [])
  const onNewer = useMemo(() => () => void latest.current.loadNewer(), [])
  return { actions, onOlder, onNewer }
}
