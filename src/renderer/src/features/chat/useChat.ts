import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChatListInput } from '../../../../shared/contract'
import type { Chat, Message } from '../../../../shared/domain'
import { api, errorMessage, onEvent } from '../../api'
import { StreamText } from './StreamText'
import { useMessagePages, type MessageWindow } from './useMessagePages'

export interface Streaming {
  streamId: string
  /** The message being written: null until a new reply exists, or the regenerated/continued message. */
  messageId: string | null
  /** Text already in the message before this stream (a continued reply). */
  prefix: string
  /** Who writes it (a group member), once known. */
  characterId: string | null
}

export interface ChatState {
  chats: Chat[]
  chat: Chat | null
  /** The loaded part of the chat (see useMessagePages). */
  window: MessageWindow
  streaming: Streaming | null
  /** The streamed text so far, read only by the streaming bubble. */
  streamText: StreamText
  error: string | null
  loadOlder(): Promise<void>
  loadNewer(): Promise<void>
  /** Opens the chat (of this character) scrolled to a message, e.g. a search hit or a memory's source. */
  showMessage(chatId: string, messageId: string): Promise<void>
  send(text: string): Promise<boolean>
  /** A group member answers now (manual mode, or a click on its avatar). */
  speak(characterId: string): Promise<void>
  stop(): Promise<void>
  regenerate(): Promise<void>
  continueReply(): Promise<void>
  swipe(message: Message, delta: number): Promise<void>
  edit(message: Message, content: string): Promise<void>
  remove(message: Message, keepMemories?: boolean): Promise<void>
  openChat(chatId: string): Promise<void>
  /** Opens a chat the list does not know yet (an imported one). */
  showChat(chat: Chat): Promise<void>
  newChat(): Promise<void>
  deleteChat(): Promise<void>
  clearError(): void
}

/** How often a streaming view checks that its reply is still being written (see the effect in useChat). */
const STREAM_CHECK_MS = 3000

/**
 * One character's or one group's chats: opens the latest (or starts one), streams replies, follows events. In a group
 * chat main starts replies of its own (auto mode): the view follows any reply that starts in the chat it shows.
 */
export function useChat(owner: ChatListInput, initial?: { chatId: string; messageId: string }): ChatState {
  const { characterId, groupId } = owner
  const [chats, setChats] = useState<Chat[]>([])
  const [chat, setChat] = useState<Chat | null>(null)
  /** The chat shown, for the event listeners (registered once). */
  const chatIdRef = useRef<string | null>(null)
  const pages = useMessagePages()
  const { update: setMessages, showNewest, jumpTo, refreshNewest } = pages
  const messages = pages.window.messages
  const [streaming, setStreaming] = useState<Streaming | null>(null)
  const [streamText] = useState(() => new StreamText())
  const [error, setError] = useState<string | null>(null)
  /** The stream this view follows; its id is chosen here before the call, so no event of it can come unknown. */
  const streamRef = useRef<string | null>(null)
  const applyEnd = useCallback(
    (end: StreamEnd): void => {
      if (end.error) setError(end.error)
      const message = end.message
      if (!message) return
      setMessages((list) => upsert(list, message))
      // The user's message got its context (memories and lore a reply used) while the reply was being prepared,
      // possibly after the view last fetched it.
      refreshNewest(message.chatId).catch((e: unknown) => setError(errorMessage(e)))
    },
    [setMessages, refreshNewest]
  )

  const attempt = useCallback(async (job: () => Promise<void>): Promise<boolean> => {
    setError(null)
    try {
      await job()
      return true
    } catch (e) {
      setError(errorMessage(e))
      return false
    }
  }, [])

  const load = useCallback(
    async (target: Chat | string | null, messageId?: string) => {
      const list = await api.chat.list({ characterId, groupId })
      const wanted = typeof target === 'string' ? list.find((c) => c.id === target) : target
      const current = wanted ?? list[0] ?? (await api.chat.create({ characterId, groupId }))
      setChats(list.some((c) => c.id === current.id) ? list : [current, ...list])
      chatIdRef.current = current.id
      setChat(current)
      await (messageId ? jumpTo(current.id, messageId) : showNewest(current.id))
    },
    [characterId, groupId, jumpTo, showNewest]
  )

  const initialRef = useRef(initial)
  useEffect(() => {
    const target = initialRef.current
    void attempt(() => load(target?.chatId ?? null, target?.messageId))
  }, [attempt, load])

  useEffect(() => {
    // Every reply announces itself with its speaker: one this view asked for, or one main started (auto mode).
    const offStarted = onEvent('chat.replyStarted', ({ streamId, chatId, characterId: speaker }) => {
      if (streamId === streamRef.current) {
        setStreaming((s) => (s && s.streamId === streamId ? { ...s, characterId: speaker } : s))
        return
      }
      if (streamRef.current !== null || chatId !== chatIdRef.current) return
      streamRef.current = streamId
      streamText.set('')
      setStreaming({ streamId, messageId: null, prefix: '', characterId: speaker })
    })
    const offToken = onEvent('chat.token', ({ streamId, text }) => {
      if (streamId === streamRef.current) streamText.append(text)
    })
    const finish = (streamId: string, end: StreamEnd): void => {
      if (streamId !== streamRef.current) return
      streamRef.current = null
      setStreaming(null)
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
  }, [applyEnd, setMessages, streamText])

  // A stream whose end event never came (the event connection dropped and reconnected, say) still ends here: while
  // a reply streams, the service is asked now and then whether it still does.
  useEffect(() => {
    const streamId = streaming?.streamId
    const chatId = chat?.id
    if (!streamId || !chatId) return
    const timer = setInterval(() => {
      void (async () => {
        if ((await api.chat.isStreaming({ streamId })).isStreaming || streamRef.current !== streamId) return
        streamRef.current = null
        setStreaming(null)
        await refreshNewest(chatId)
      })().catch(() => undefined) // the service unreachable for a moment: the next check asks again
    }, STREAM_CHECK_MS)
    return () => clearInterval(timer)
  }, [streaming?.streamId, chat?.id, refreshNewest])

  /** Follows a new stream before asking for it; `start` makes the call, and a refused call stops following. */
  const stream = async <T>(
    messageId: string | null,
    prefix: string,
    start: (streamId: string) => Promise<T>
  ): Promise<T> => {
    const streamId = newStreamId()
    streamRef.current = streamId
    streamText.set('')
    setStreaming({ streamId, messageId, prefix, characterId: null })
    try {
      return await start(streamId)
    } catch (e) {
      if (streamRef.current === streamId) {
        streamRef.current = null
        setStreaming(null)
      }
      throw e
    }
  }

  const replace = (message: Message): void =>
    setMessages((list) => list.map((m) => (m.id === message.id ? message : m)))

  return {
    chats,
    chat,
    window: pages.window,
    streaming,
    streamText,
    error,
    loadOlder: pages.loadOlder,
    loadNewer: pages.loadNewer,
    showMessage: async (chatId, messageId) => {
      await attempt(() => load(chatId, messageId))
    },
    clearError: () => setError(null),
    send: (text) =>
      attempt(async () => {
        if (!chat) return
        const chatId = chat.id
        const sent = await stream(null, '', (streamId) => api.chat.send({ chatId, text, streamId }))
        // A group in manual mode: nobody answers until the user picks someone.
        if (groupId !== undefined && sent.characterId === null && streamRef.current === sent.streamId) {
          streamRef.current = null
          setStreaming(null)
        }
        await refreshNewest(chatId)
      }),
    speak: async (speaker) => {
      await attempt(async () => {
        if (!chat) return
        const chatId = chat.id
        await stream(null, '', (streamId) => api.chat.speak({ chatId, characterId: speaker, streamId }))
      })
    },
    stop: async () => {
      if (streamRef.current) await api.chat.cancel({ streamId: streamRef.current })
    },
    regenerate: async () => {
      await attempt(async () => {
        if (!chat) return
        const chatId = chat.id
        const last = messages[messages.length - 1]
        await stream(last?.id ?? null, '', (streamId) => api.chat.regenerate({ chatId, streamId }))
      })
    },
    continueReply: async () => {
      await attempt(async () => {
        if (!chat) return
        const last = messages[messages.length - 1]
        const chatId = chat.id
        await stream(last?.id ?? null, last?.content ?? '', (streamId) => api.chat.continue({ chatId, streamId }))
      })
    },
    swipe: async (message, delta) => {
      await attempt(async () =>
        replace(await api.chat.swipe({ messageId: message.id, index: message.swipeIndex + delta }))
      )
    },
    edit: async (message, content) => {
      await attempt(async () => replace(await api.chat.editMessage({ messageId: message.id, content })))
    },
    remove: async (message, keepMemories = false) => {
      await attempt(async () => {
        await api.chat.deleteMessage({ messageId: message.id, keepMemories })
        setMessages((list) => list.filter((m) => m.id !== message.id))
      })
    },
    openChat: async (chatId) => {
      await attempt(() => load(chats.find((c) => c.id === chatId) ?? null))
    },
    showChat: async (shown) => {
      await attempt(() => load(shown))
    },
    newChat: async () => {
      await attempt(async () => load(await api.chat.create({ characterId, groupId })))
    },
    deleteChat: async () => {
      await attempt(async () => {
        if (!chat) return
        await api.chat.delete({ chatId: chat.id })
        await load(null)
      })
    }
  }
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
