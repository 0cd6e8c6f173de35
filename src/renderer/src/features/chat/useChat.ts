import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChatListInput } from '../../../../shared/contract'
import type { Chat, Message } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import type { StreamText } from './StreamText'
import { useMessagePages, type MessageWindow } from './useMessagePages'
import { useReplyStream, type Streaming } from './useReplyStream'

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
  const action = useAction()
  const { run: attempt, fail } = action
  const replies = useReplyStream(chatIdRef, chat?.id ?? null, pages, fail)
  const { streaming, streamText } = replies

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

  const replace = (message: Message): void =>
    setMessages((list) => list.map((m) => (m.id === message.id ? message : m)))

  return {
    chats,
    chat,
    window: pages.window,
    streaming,
    streamText,
    error: action.error,
    loadOlder: pages.loadOlder,
    loadNewer: pages.loadNewer,
    showMessage: async (chatId, messageId) => {
      await attempt(() => load(chatId, messageId))
    },
    clearError: action.dismiss,
    send: (text) =>
      attempt(async () => {
        if (!chat) return
        const chatId = chat.id
        const sent = await replies.follow(null, '', (streamId) => api.chat.send({ chatId, text, streamId }))
        // A group in manual mode: nobody answers until the user picks someone.
        if (groupId !== undefined && sent.characterId === null) replies.release(sent.streamId)
        await refreshNewest(chatId)
      }),
    speak: async (speaker) => {
      await attempt(async () => {
        if (!chat) return
        const chatId = chat.id
        await replies.follow(null, '', (streamId) => api.chat.speak({ chatId, characterId: speaker, streamId }))
      })
    },
    stop: async () => {
      const streamId = replies.currentId()
      if (streamId) await api.chat.cancel({ streamId })
    },
    regenerate: async () => {
      await attempt(async () => {
        if (!chat) return
        const chatId = chat.id
        const last = messages[messages.length - 1]
        await replies.follow(last?.id ?? null, '', (streamId) => api.chat.regenerate({ chatId, streamId }))
      })
    },
    continueReply: async () => {
      await attempt(async () => {
        if (!chat) return
        const last = messages[messages.length - 1]
        const chatId = chat.id
        await replies.follow(last?.id ?? null, last?.content ?? '', (streamId) =>
          api.chat.continue({ chatId, streamId })
        )
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
