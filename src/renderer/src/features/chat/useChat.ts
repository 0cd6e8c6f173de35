import { useCallback, useEffect, useRef, useState } from 'react'
import type { Chat, Message } from '../../../../shared/domain'
import { api, errorMessage, onEvent } from '../../api'

export interface ChatState {
  chat: Chat | null
  messages: Message[]
  /** The reply being streamed, shown until chat.done brings the saved message. */
  streaming: { streamId: string; text: string } | null
  error: string | null
  send(text: string): Promise<boolean>
  stop(): Promise<void>
  clearError(): void
}

/** One character's current chat: opens the latest (or starts one), streams replies, follows events. */
export function useChat(characterId: string | null): ChatState {
  const [chat, setChat] = useState<Chat | null>(null)
  const [messages, setMessages] = useState<Message[]>([])
  const [streaming, setStreaming] = useState<{ streamId: string; text: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const streamRef = useRef<string | null>(null)

  useEffect(() => {
    if (!characterId) return
    let isActive = true
    const open = async (): Promise<void> => {
      const chats = await api.chat.list({ characterId })
      const current = chats[0] ?? (await api.chat.create({ characterId }))
      const list = await api.chat.messages({ chatId: current.id })
      if (!isActive) return
      setChat(current)
      setMessages(list)
    }
    open().catch((e: unknown) => setError(errorMessage(e)))
    return () => {
      isActive = false
    }
  }, [characterId])

  useEffect(() => {
    const offToken = onEvent('chat.token', ({ streamId, text }) => {
      if (streamId !== streamRef.current) return
      setStreaming((current) => (current && current.streamId === streamId ? { streamId, text: current.text + text } : current))
    })
    const finish = (streamId: string, message: Message | null): void => {
      if (streamId !== streamRef.current) return
      streamRef.current = null
      setStreaming(null)
      if (message) setMessages((list) => [...list.filter((m) => m.id !== message.id), message])
    }
    const offDone = onEvent('chat.done', ({ streamId, message }) => finish(streamId, message))
    const offError = onEvent('chat.error', ({ streamId, error: info, message }) => {
      if (streamId !== streamRef.current) return
      if (info.code !== 'CANCELLED') setError(info.message)
      finish(streamId, message)
    })
    return () => {
      offToken()
      offDone()
      offError()
    }
  }, [])

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      if (!chat) return false
      setError(null)
      try {
        const { streamId, userMessageId } = await api.chat.send({ chatId: chat.id, text })
        streamRef.current = streamId
        setStreaming({ streamId, text: '' })
        const list = await api.chat.messages({ chatId: chat.id })
        setMessages(list.filter((m) => m.status !== 'streaming' || m.id === userMessageId))
        return true
      } catch (e) {
        setError(errorMessage(e))
        return false
      }
    },
    [chat]
  )

  const stop = useCallback(async () => {
    const streamId = streamRef.current
    if (streamId) await api.chat.cancel({ streamId })
  }, [])

  return { chat, messages, streaming, error, send, stop, clearError: () => setError(null) }
}
