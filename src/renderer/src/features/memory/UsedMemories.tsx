import { useState } from 'react'
import type { Memory } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'

/** The small "remembered N things" indicator under a reply; opens to show which memories were in its prompt. */
export function UsedMemories({ ids }: { ids: string[] }): React.JSX.Element | null {
  const [memories, setMemories] = useState<Memory[] | null>(null)
  const action = useAction()
  if (ids.length === 0) return null
  const toggle = (): void => {
    if (memories) return setMemories(null)
    void action.run(async () => setMemories(await api.memory.get({ ids })))
  }
  return (
    <div className="used-memories">
      <button className="ghost small" data-testid="used-memories" onClick={toggle} title="Memories this reply used">
        ◆ remembered {ids.length}
      </button>
      {memories && (
        <ul data-testid="used-memories-list">
          {memories.map((m) => (
            <li key={m.id}>{m.text}</li>
          ))}
          {memories.length < ids.length && <li className="hint">{ids.length - memories.length} since deleted</li>}
        </ul>
      )}
      {action.error && <span className="hint">{action.error}</span>}
    </div>
  )
}
