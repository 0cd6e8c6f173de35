import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { Message } from '../../../../shared/domain'
import { api, onEvent } from '../../api'
import { StreamText } from './StreamText'
import type { MessagePages } from './useMessagePages'

export interface Streaming {
  streamId: string
  /** The message being written: null until a new reply exists, or the regenerated/continued message. */
  messageId: string | null
  /** Text already in the message before this stream (a continued reply). */
  prefix: string
  /** Who writes it (a group member), once known. */
  characterId: string | null
}

export interface ReplyStream {
  streaming: Streaming | null
  /** The streamed text so far, read only by the streaming bubble. */
  streamText: StreamText
  /** Follows a new stream before asking for it; `start` makes the call, and a refused call stops following. */
  follow<T>(messageId: string | null, prefix: string, start: (streamId: string) => Promise<T>): Promise<T>
  /** Stops following this stream (if it is still the one followed) without waiting for its end. */
  release(streamId: string): void
  /** The stream followed now, if any. */
  currentId(): string | null
}

/** How often a streaming view checks that its reply is still being written (see the effect below). */
const STREAM_CHECK_MS = 3000

/**
 * The reply being written in the chat shown: one this view asked for, or one main started (a group's auto mode).
 * Streams its tokens, and puts its final message into the pages when it ends; an end's error goes to `fail`.
 */
export function useReplyStream(
  chatIdRef: RefObject<string | null>,
  chatId: string | null,
  pages: Pick<MessagePages, 'update' | 'refreshNewest'>,
  fail: (error: unknown) => void
): ReplyStream {
  const { update: setMessages, refreshNewest } = pages
  const [streaming, setStreaming] = useState<Streaming | null>(null)
  const [streamText] = useState(() => new StreamText())
  /** The stream this view follows; its id is chosen here before the call, so no event of it can come unknown. */
  const streamRef = useRef<string | null>(null)

  const release = useCallback((streamId: string) => {
    if (streamRef.current !== streamId) return
    streamRef.current = null
    setStreaming(null)
  }, [])

  const applyEnd = useCallback(
    (end: StreamEnd): void => {
      if (end.error) fail(end.error)
      const message = end.message
      if (!message) return
      setMessages((list) => upsert(list, message))
      // The user's message got its context (memories and lore a reply used) while the reply was being prepared,
      // possibly after the view last fetched it.
      refreshNewest(message.chatId).catch(fail)
    },
    [setMessages, refreshNewest, fail]
  )

  useEffect(() => {
    // Every reply announces itself with its speaker: one this view asked for, or one main started (auto mode).
    const offStarted = onEvent('chat.replyStarted', ({ streamId, chatId: started, characterId: speaker }) => {
      if (streamId === streamRef.current) {
        setStreaming((s) => (s && s.streamId === streamId ? { ...s, characterId: speaker } : s))
        return
      }
      if (streamRef.current !== null || started !== chatIdRef.current) return
      streamRef.current = streamId
      streamText.set('')
      setStreaming({ streamId, messageId: null, prefix: '', characterId: speaker })
    })
    const offToken = onEvent('chat.token', ({ streamId, text }) => {
      if (streamId === streamRef.current) streamText.append(text)
    })
    const finish = (streamId: string, end: StreamEnd): void => {
      if (streamId !== streamRef.current) return
      release(streamId)
      applyEnd(end)
    }
    const offDone = onEvent('chat.done', ({ streamId, message }) => finish(streamId, { message, error: null }))
    const offEmotion = onEvent('chat.emotion', ({ messageId, emotion }) =>
      setMessages((list) => list.map((m) => (m.id === messageId ? { ...m, emotion } : m)))
    )
    const offError = onEvent('chat.error', ({ streamId, error: info, message }) =>
      finish(streamId, { message, error: info.code === 'CANCELLED' ? null : info.message })
    )
    return () => {
      offStarted()
      offToken()
      offDone()
      offError()
      offEmotion()
    }
  }, [applyEnd, release, setMessages, streamText, chatIdRef])

  // A stream whose end event never came (the event connection dropped and reconnected, say) still ends here: while
  // a reply streams, the service is asked now and then whether it still does.
  const streamId = streaming?.streamId
  useEffect(() => {
    if (!streamId || !chatId) return
    const timer = setInterval(() => {
      void (async () => {
        if ((await api.chat.isStreaming({ streamId })).isStreaming || streamRef.current !== streamId) return
        release(streamId)
        await refreshNewest(chatId)
      })().catch(() => undefined) // the service unreachable for a moment: the next check asks again
    }, STREAM_CHECK_MS)
    return () => clearInterval(timer)
  }, [streamId, chatId, refreshNewest, release])

  const follow = async <T>(
    messageId: string | null,
    prefix: string,
    start: (streamId: string) => Promise<T>
  ): Promise<T> => {
    const id = newStreamId()
    streamRef.current = id
    streamText.set('')
    setStreaming({ streamId: id, messageId, prefix, characterId: null })
    try {
      return await start(id)
    } catch (e) {
      release(id)
      throw e
    }
  }

  return { streaming, streamText, follow, release, currentId: () => streamRef.current }
}

function upsert(list: readonly Message[], message: Message): Message[] {
  return list.some((m) => m.id === message.id)
    ? list.map((m) => (m.id === message.id ? message : m))
    : [...list, message]
}

/** How a stream ended: its final message (if any) and the error to show (not for a stop). */
interface StreamEnd {
  message: Message | null
  error: string | null
}

/** A stream id of this view's own; randomUUID needs a secure context, which a phone on the LAN may not be. */
function newStreamId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}
