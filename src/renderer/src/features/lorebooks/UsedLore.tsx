import { useState } from 'react'
import type { UsedLoreEntry } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'

/** The "lore N" indicator under a reply: opens to show which lorebook entries fired for it. */
export function UsedLore({ ids }: { ids: string[] }): React.JSX.Element | null {
  const [entries, setEntries] = useState<UsedLoreEntry[] | null>(null)
  const action = useAction()
  if (ids.length === 0) return null
  const toggle = (): void => {
    if (entries) return setEntries(null)
    void action.run(async () => setEntries(await api.lorebooks.usedEntries({ ids })))
  }
  return (
    <div className="used-memories">
      <button className="ghost small" data-testid="used-lore" onClick={toggle} title="Lorebook entries this reply used">
        ❖ lore {ids.length}
      </button>
      {entries && (
        <ul data-testid="used-lore-list">
          {entries.map((e) => (
            <li key={e.id}>
              <strong>{e.comment || e.keys.join(', ') || 'entry'}</strong> · {e.lorebookName}: {e.content.slice(0, 200)}
            </li>
          ))}
          {entries.length < ids.length && <li className="hint">{ids.length - entries.length} since deleted</li>}
        </ul>
      )}
      {action.error && <span className="hint">{action.error}</span>}
    </div>
  )
}
