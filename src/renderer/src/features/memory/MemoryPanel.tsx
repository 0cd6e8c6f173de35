import { useCallback, useEffect, useState } from 'react'
import type { Memory } from '../../../../shared/domain'
import type { MemoryListInput } from '../../../../shared/contract'
import { api, errorMessage, onEvent } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { InlineEditor } from '../../components/InlineEditor'

type Tab = MemoryListInput['state']
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'current', label: 'Current' },
  { tab: 'past', label: 'Past' },
  { tab: 'summaries', label: 'Summaries' },
  { tab: 'all', label: 'All' }
]

interface Props {
  characterId: string
  characterName: string
  onShowSource: (messageId: string) => void
  onClose: () => void
}

/** What a character remembers about the user: browse, search, edit, delete, pin. */
export function MemoryPanel({ characterId, characterName, onShowSource, onClose }: Props): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('current')
  const [query, setQuery] = useState('')
  const [memories, setMemories] = useState<Memory[]>([])
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(() => {
    api.memory.list({ characterId, state: tab, query: query.trim() || undefined }).then(setMemories, (e: unknown) => setError(errorMessage(e)))
  }, [characterId, tab, query])

  useEffect(refresh, [refresh])
  useEffect(() => onEvent('memory.changed', (p) => p.characterId === characterId && refresh()), [characterId, refresh])

  const act = async (job: () => Promise<unknown>): Promise<void> => {
    setError(null)
    try {
      await job()
      refresh()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <aside className="memory-panel" data-testid="memory-panel">
      <div className="row memory-head">
        <h3>{characterName} remembers</h3>
        <button className="ghost small" onClick={onClose} aria-label="Close memories">
          ×
        </button>
      </div>
      <div className="tabs">
        {TABS.map((t) => (
          <button key={t.tab} className={t.tab === tab ? 'active small' : 'ghost small'} onClick={() => setTab(t.tab)}>
            {t.label}
          </button>
        ))}
      </div>
      <input data-testid="memory-search" placeholder="Search memories…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <ul className="memory-list">
        {memories.length === 0 && <li className="hint">Nothing here yet.</li>}
        {memories.map((memory) => (
          <li key={memory.id} className={`memory ${memory.validTo ? 'past' : ''}`} data-testid="memory-item">
            <div className="memory-meta">
              <span className="memory-kind">{memory.kind}</span>
              <span>{memory.validFrom.slice(0, 10)}</span>
              {memory.validTo && <span>until {memory.validTo.slice(0, 10)}</span>}
              {memory.isPinned && <span className="memory-kind pinned">pinned</span>}
            </div>
            {editing?.id === memory.id ? (
              <InlineEditor
                initial={editing.text}
                rows={3}
                testId="memory-edit"
                onSave={(text) => void act(async () => (await api.memory.update({ id: memory.id, text }), setEditing(null)))}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="memory-text">{memory.text}</div>
            )}
            <div className="row memory-actions">
              <button className="ghost small" onClick={() => setEditing({ id: memory.id, text: memory.text })}>
                Edit
              </button>
              <button className="ghost small" data-testid="memory-pin" onClick={() => void act(() => api.memory.pin({ id: memory.id, isPinned: !memory.isPinned }))}>
                {memory.isPinned ? 'Unpin' : 'Pin'}
              </button>
              <button className="ghost small" data-testid="memory-delete" onClick={() => void act(() => api.memory.delete({ id: memory.id }))}>
                Delete
              </button>
              {memory.sourceMessageIds[0] && (
                <button className="ghost small" onClick={() => onShowSource(memory.sourceMessageIds[0]!)}>
                  Source
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </aside>
  )
}
