import { useEffect, useState } from 'react'
import type { ChatMoods } from '../../../../shared/contract'
import { api, onEvent } from '../../api'

/**
 * Emotion readings arrive one by one shortly after a reply (the user's, then the reply's): one refresh after they
 * settle instead of one per event.
 */
const REFRESH_DELAY_MS = 400

/**
 * The whole chat's mood from main (chat.moods), not from the loaded page of messages; fetched again when a reply in
 * this chat ends or a message of it gets its emotion reading. A failed fetch keeps the last timeline: it is an
 * ornament, and the chat shows its own errors.
 */
export function useChatMoods(chatId: string | null, points: number): ChatMoods | null {
  const [moods, setMoods] = useState<{ chatId: string; moods: ChatMoods } | null>(null)
  useEffect(() => {
    if (!chatId) return
    let isCurrent = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const fetchMoods = (): void => {
      api.chat.moods({ chatId, points }).then(
        (result) => isCurrent && setMoods({ chatId, moods: result }),
        (error: unknown) => console.warn('The mood timeline could not be read:', error)
      )
    }
    const refreshSoon = (event: { chatId: string }): void => {
      if (event.chatId !== chatId) return
      clearTimeout(timer)
      timer = setTimeout(fetchMoods, REFRESH_DELAY_MS)
    }
    fetchMoods()
    const offs = [
      onEvent('chat.done', refreshSoon),
      onEvent('chat.error', refreshSoon),
      onEvent('chat.emotion', refreshSoon)
    ]
    return () => {
      isCurrent = false
      clearTimeout(timer)
      offs.forEach((off) => off())
    }
  }, [chatId, points])
  // Another chat's timeline is never shown while the newly opened one is read.
  return moods && moods.chatId === chatId ? moods.moods : null
}
