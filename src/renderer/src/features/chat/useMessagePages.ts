import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { MessagePage } from '../../../../shared/contract'
import type { Message } from '../../../../shared/domain'
import { api } from '../../api'

/** Far above any chat's length: prepending lowers it (react-virtuoso's firstItemIndex must stay positive). */
const FIRST_INDEX = 1_000_000_000

export interface MessageWindow {
  /** The loaded part of the chat, in reading order. */
  messages: Message[]
  /** Virtuoso's index of messages[0]; lowered by exactly the number of messages prepended, so the view stays put. */
  firstItemIndex: number
  hasOlder: boolean
  hasNewer: boolean
  /** Changes when the window is replaced (another chat, a jump): the list is mounted afresh. */
  key: number
  /** The message a jump went to (shown centred), or null to open at the newest. */
  focusId: string | null
}

const empty: MessageWindow = {
  messages: [],
  firstItemIndex: FIRST_INDEX,
  hasOlder: false,
  hasNewer: false,
  key: 0,
  focusId: null
}

export interface MessagePages {
  window: MessageWindow
  showNewest(chatId: string): Promise<void>
  jumpTo(chatId: string, messageId: string): Promise<void>
  loadOlder(): Promise<void>
  loadNewer(): Promise<void>
  /** After a send: the newest messages merged in, or the newest page shown if the view was back in history. */
  refreshNewest(chatId: string): Promise<void>
  update(change: (messages: Message[]) => Message[]): void
}

/** A chat's messages a page at a time: the newest first, older pages as the user scrolls up, jumps to any message. */
export function useMessagePages(): MessagePages {
  const [window, setWindow] = useState<MessageWindow>(empty)
  const state = useRef({ chatId: '', olderCursor: null as string | null, newerCursor: null as string | null })
  const loading = useRef({ older: false, newer: false })
  // Reads of the newest page (or a jump) can answer out of order on a busy machine; only the latest asked applies,
  // or an older answer would take away a reply that arrived after it was read.
  const latestRead = useRef(0)
  // The callbacks below read the shown window without being re-made on every page; it is set once committed.
  const current = useRef(window)
  useLayoutEffect(() => {
    current.current = window
  }, [window])

  const replace = useCallback((chatId: string, page: MessagePage, focusId: string | null) => {
    if (state.current.chatId !== chatId) return
    state.current.olderCursor = page.olderCursor
    state.current.newerCursor = page.newerCursor
    setWindow((w) => ({
      messages: page.messages,
      firstItemIndex: FIRST_INDEX - page.messages.length,
      hasOlder: page.hasOlder,
      hasNewer: page.hasNewer,
      key: w.key + 1,
      focusId
    }))
  }, [])

  const showNewest = useCallback(
    async (chatId: string) => {
      state.current.chatId = chatId
      const read = ++latestRead.current
      const page = await api.chat.messages({ chatId })
      if (read === latestRead.current) replace(chatId, page, null)
    },
    [replace]
  )

  const jumpTo = useCallback(
    async (chatId: string, messageId: string) => {
      state.current.chatId = chatId
      const read = ++latestRead.current
      const page = await api.chat.messages({ chatId, around: messageId })
      if (read === latestRead.current) replace(chatId, page, messageId)
    },
    [replace]
  )

  const loadOlder = useCallback(async () => {
    const { chatId, olderCursor } = state.current
    if (!current.current.hasOlder || !olderCursor || loading.current.older) return
    loading.current.older = true
    try {
      const page = await api.chat.messages({ chatId, before: olderCursor })
      if (state.current.chatId !== chatId || state.current.olderCursor !== olderCursor) return
      state.current.olderCursor = page.olderCursor
      setWindow((w) => {
        const known = new Set(w.messages.map((m) => m.id))
        const added = page.messages.filter((m) => !known.has(m.id))
        return {
          ...w,
          messages: [...added, ...w.messages],
          firstItemIndex: w.firstItemIndex - added.length,
          hasOlder: page.hasOlder
        }
      })
    } finally {
      loading.current.older = false
    }
  }, [])

  const loadNewer = useCallback(async () => {
    const { chatId, newerCursor } = state.current
    if (!current.current.hasNewer || !newerCursor || loading.current.newer) return
    loading.current.newer = true
    try {
      const page = await api.chat.messages({ chatId, after: newerCursor })
      if (state.current.chatId !== chatId || state.current.newerCursor !== newerCursor) return
      state.current.newerCursor = page.newerCursor
      setWindow((w) => {
        const known = new Set(w.messages.map((m) => m.id))
        return {
          ...w,
          messages: [...w.messages, ...page.messages.filter((m) => !known.has(m.id))],
          hasNewer: page.hasNewer
        }
      })
    } finally {
      loading.current.newer = false
    }
  }, [])

  const refreshNewest = useCallback(
    async (chatId: string) => {
      if (current.current.hasNewer) return showNewest(chatId)
      const read = ++latestRead.current
      const page = await api.chat.messages({ chatId })
      if (state.current.chatId !== chatId || read !== latestRead.current) return
      // A reply being written shows as the streaming bubble until it is done.
      const fresh = page.messages.filter((m) => m.status !== 'streaming')
      const shown = current.current.messages
      const known = new Set(shown.map((m) => m.id))
      if (page.hasOlder && fresh.length > 0 && !fresh.some((m) => known.has(m.id))) {
        // Nothing in common with what is shown (many messages came meanwhile): show the newest page afresh.
        return replace(chatId, { ...page, messages: fresh }, null)
      }
      state.current.newerCursor = page.newerCursor
      const pageIds = new Set(fresh.map((m) => m.id))
      const firstId = fresh[0]?.id
      setWindow((w) => {
        const start = firstId ? w.messages.findIndex((m) => m.id === firstId) : -1
        // Keep the older part and take the page as the new tail (edits, deletions and arrivals included).
        const head = start >= 0 ? w.messages.slice(0, start) : w.messages.filter((m) => !pageIds.has(m.id))
        return { ...w, messages: [...head, ...fresh] }
      })
    },
    [replace, showNewest]
  )

  const update = useCallback((change: (messages: Message[]) => Message[]) => {
    setWindow((w) => ({ ...w, messages: change(w.messages) }))
  }, [])

  return { window, showNewest, jumpTo, loadOlder, loadNewer, refreshNewest, update }
}
