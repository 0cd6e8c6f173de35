import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { MemoryListInput } from '../../../../shared/contract'
import type { Memory } from '../../../../shared/domain'
import { api, onEvent } from '../../api'

/** Memories per page: a character with 100,000 memories opens the panel as fast as one with ten. */
const PAGE = 100

export interface MemoryPages {
  memories: Memory[]
  /** More pages follow (never for a search, which shows its best hits only). */
  hasMore: boolean
  isSearch: boolean
  /** The list's last row: when it scrolls into view the next page loads. */
  sentinel: RefObject<HTMLLIElement | null>
  /** Reloads what is shown (at least one page), e.g. after an edit. */
  refresh: () => void
}

/**
 * A character's memories in one state (or those matching a search), a page at a time as the list scrolls; reloaded
 * whenever they change anywhere (memory.changed).
 */
export function useMemoryPages(
  characterId: string,
  tab: MemoryListInput['state'],
  query: string,
  fail: (error: unknown) => void
): MemoryPages {
  const [memories, setMemories] = useState<Memory[]>([])
  const [hasMore, setHasMore] = useState(false)
  const loaded = useRef(0)
  const sentinel = useRef<HTMLLIElement>(null)
  const isSearch = query.trim().length > 0

  // Paging on adds the next page at the end; refresh reloads as many as are shown.
  const refresh = useCallback(() => {
    const limit = Math.max(PAGE, loaded.current)
    api.memory.list({ characterId, state: tab, query: query.trim() || undefined, limit }).then((list) => {
      loaded.current = list.length
      setMemories(list)
      setHasMore(!query.trim() && list.length === limit)
    }, fail)
  }, [characterId, tab, query, fail])

  useEffect(() => {
    loaded.current = 0
  }, [characterId, tab, query])

  const loadMore = useCallback(() => {
    const offset = loaded.current
    api.memory.list({ characterId, state: tab, limit: PAGE, offset }).then((page) => {
      if (loaded.current !== offset) return
      loaded.current = offset + page.length
      setMemories((list) => [...list, ...page])
      setHasMore(page.length === PAGE)
    }, fail)
  }, [characterId, tab, fail])

  useEffect(() => {
    const element = sentinel.current
    if (!element || !hasMore || isSearch) return
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore())
    observer.observe(element)
    return () => observer.disconnect()
  }, [hasMore, isSearch, loadMore, memories])

  useEffect(refresh, [refresh])
  useEffect(() => onEvent('memory.changed', (p) => p.characterId === characterId && refresh()), [characterId, refresh])

  return { memories, hasMore, isSearch, sentinel, refresh }
}
