import { useEffect, useState } from 'react'
import type { Character, Group } from '../../../../shared/domain'
import type { MemoryListInput } from '../../../../shared/contract'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { ErrorNotice } from '../../components/ErrorNotice'
import { InlineEditor } from '../../components/InlineEditor'
import { useMemoryPages } from './useMemoryPages'
import { CharacterSelect } from '../../components/CharacterSelect'

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
  /** In a group chat: the members, whose memories the panel can switch between. */
  members?: readonly Character[]
  onChooseMember?: (characterId: string) => void
  /** Opens the chat the memory came from at the message it was learned from (a group chat: `groupId`). */
  onShowSource: (messageId: string, chatId: string | null, groupId: string | null) => void
  onClose: () => void
}

/** What a character remembers about the user: browse, search, edit, delete, pin, share with another character. */
export function MemoryPanel(props: Props): React.JSX.Element {
  const { characterId, characterName, members, onChooseMember, onShowSource, onClose } = props
  const [tab, setTab] = useState<Tab>('current')
  const [query, setQuery] = useState('')
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null)
  const action = useAction()
  const { fail } = action
  const [characters, setCharacters] = useState<Character[]>([])
  const [sharing, setSharing] = useState<{ id: string; targetId: string } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const others = characters.filter((c) => c.id !== characterId)
  const nameOf = (id: string): string => characters.find((c) => c.id === id)?.name ?? 'another character'

  const [groups, setGroups] = useState<Group[]>([])
  const groupName = (id: string): string => groups.find((g) => g.id === id)?.name ?? 'a group'

  useEffect(() => {
    api.characters.list({}).then(setCharacters, fail)
    api.groups.list({}).then(setGroups, fail)
  }, [characterId, fail])

  const { memories, hasMore, isSearch, sentinel, refresh } = useMemoryPages(characterId, tab, query, fail)

  const act = async (job: () => Promise<unknown>): Promise<void> => {
    setNotice(null)
    if (await action.run(job)) refresh()
  }

  return (
    <aside className="memory-panel" data-testid="memory-panel">
      <div className="row memory-head">
        {members && onChooseMember ? (
          <h3>
            <CharacterSelect
              characters={members}
              value={characterId}
              onChange={onChooseMember}
              label="Whose memories"
              testId="memory-member"
            />{' '}
            remembers
          </h3>
        ) : (
          <h3>{characterName} remembers</h3>
        )}
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
      <input
        data-testid="memory-search"
        placeholder="Search memories…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      {notice && (
        <p className="hint" data-testid="memory-notice">
          {notice}
        </p>
      )}
      <ul className="memory-list">
        {memories.length === 0 && <li className="hint">Nothing here yet.</li>}
        {memories.map((memory) => (
          <li key={memory.id} className={`memory ${memory.validTo ? 'past' : ''}`} data-testid="memory-item">
            <div className="memory-meta">
              <span className="memory-kind">{memory.kind}</span>
              <span>{memory.validFrom.slice(0, 10)}</span>
              {memory.validTo && <span>until {memory.validTo.slice(0, 10)}</span>}
              {memory.isPinned && <span className="memory-kind pinned">pinned</span>}
              {memory.sharedFrom && <span data-testid="memory-shared-from">from {nameOf(memory.sharedFrom)}</span>}
              {memory.isOrphaned && <span data-testid="memory-orphaned">from a deleted message</span>}
              {memory.groupId && (
                <span className="memory-group" data-testid="memory-from-group">
                  group chat: {groupName(memory.groupId)}
                </span>
              )}
            </div>
            {editing?.id === memory.id ? (
              <InlineEditor
                initial={editing.text}
                rows={3}
                testId="memory-edit"
                onSave={(text) =>
                  void act(async () => (await api.memory.update({ id: memory.id, text }), setEditing(null)))
                }
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="memory-text">{memory.text}</div>
            )}
            <div className="row memory-actions">
              <button className="ghost small" onClick={() => setEditing({ id: memory.id, text: memory.text })}>
                Edit
              </button>
              <button
                className="ghost small"
                data-testid="memory-pin"
                onClick={() => void act(() => api.memory.pin({ id: memory.id, isPinned: !memory.isPinned }))}
              >
                {memory.isPinned ? 'Unpin' : 'Pin'}
              </button>
              <button
                className="ghost small"
                data-testid="memory-delete"
                onClick={() => void act(() => api.memory.delete({ id: memory.id }))}
              >
                Delete
              </button>
              {memory.sourceMessageIds[0] && (
                <button
                  className="ghost small"
                  onClick={() => onShowSource(memory.sourceMessageIds[0]!, memory.chatId, memory.groupId)}
                >
                  Source
                </button>
              )}
              {memory.kind !== 'message' && others.length > 0 && sharing?.id !== memory.id && (
                <button
                  className="ghost small"
                  data-testid="memory-share"
                  onClick={() => setSharing({ id: memory.id, targetId: others[0]!.id })}
                >
                  Share…
                </button>
              )}
            </div>
            {sharing?.id === memory.id && (
              <div className="row memory-actions">
                <CharacterSelect
                  characters={others}
                  value={sharing.targetId}
                  onChange={(targetId) => setSharing({ id: memory.id, targetId })}
                  label="Share with"
                  testId="memory-share-target"
                />
                <button
                  className="small"
                  data-testid="memory-share-confirm"
                  onClick={() =>
                    void act(async () => {
                      const copies = await api.memory.share({ ids: [memory.id], characterId: sharing.targetId })
                      setNotice(
                        copies.length > 0
                          ? `Shared with ${nameOf(sharing.targetId)}.`
                          : `${nameOf(sharing.targetId)} already knows this.`
                      )
                      setSharing(null)
                    })
                  }
                >
                  Share
                </button>
                <button className="ghost small" onClick={() => setSharing(null)}>
                  Cancel
                </button>
              </div>
            )}
          </li>
        ))}
        {hasMore && !isSearch && (
          <li ref={sentinel} className="hint" data-testid="memory-more">
            Loading more…
          </li>
        )}
      </ul>
    </aside>
  )
}
