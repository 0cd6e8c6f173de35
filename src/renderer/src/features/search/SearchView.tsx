import { useEffect, useState } from 'react'
import type { ChatSearchHit } from '../../../../shared/contract'
import type { Character } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { ErrorNotice } from '../../components/ErrorNotice'

interface Props {
  characters: Character[]
  onOpen: (hit: ChatSearchHit) => void
}

/** Waits this long after the last keystroke before searching, so typing a word asks once, not per letter. */
const DEBOUNCE_MS = 150

/** One box that finds words in every chat of every character; a hit opens its chat at that message. */
export function SearchView({ characters, onOpen }: Props): React.JSX.Element {
  const [query, setQuery] = useState('')
  const [characterId, setCharacterId] = useState('')
  const [hits, setHits] = useState<ChatSearchHit[] | null>(null)
  const { error, fail, dismiss } = useAction()
  const nameOf = (id: string | null): string => characters.find((c) => c.id === id)?.name ?? 'A character'
  // In a group chat: who said it (the name it had then; the user's own messages are "You") and in which group.
  const whoOf = (hit: ChatSearchHit): string =>
    hit.groupId === null
      ? nameOf(hit.characterId)
      : `${hit.role === 'user' ? 'You' : (hit.speakerName ?? nameOf(hit.characterId))} in ${hit.groupName ?? 'a group'}`

  // An empty box shows no hits; derived here rather than cleared by the effect (no extra render).
  const shownHits = query.trim() ? hits : null

  useEffect(() => {
    if (!query.trim()) return
    let isCurrent = true
    const timer = setTimeout(() => {
      api.chat.search({ query, characterId: characterId || undefined, limit: 50 }).then(
        (found) => isCurrent && setHits(found),
        (e: unknown) => isCurrent && fail(e)
      )
    }, DEBOUNCE_MS)
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [query, characterId, fail])

  return (
    <section className="search-view">
      <h2>Search all chats</h2>
      <div className="row">
        <input
          type="search"
          data-testid="chat-search"
          aria-label="Search all chats"
          placeholder="Words from any chat…"
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
        <select aria-label="Character" value={characterId} onChange={(e) => setCharacterId(e.target.value)}>
          <option value="">Every character</option>
          {characters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice message={error} onDismiss={dismiss} />
      {shownHits && shownHits.length === 0 && <p className="hint">Nothing found.</p>}
      <ul className="search-hits" data-testid="search-hits">
        {shownHits?.map((hit) => (
          <li key={hit.messageId}>
            <button className="ghost search-hit" data-testid="search-hit" onClick={() => onOpen(hit)}>
              <span className="hint">
                {whoOf(hit)} · {hit.chatTitle} · {new Date(hit.createdAt).toLocaleDateString()}
              </span>
              <span className="search-snippet">
                {hit.snippet.map((part, i) => (part.isHit ? <mark key={i}>{part.text}</mark> : part.text))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
