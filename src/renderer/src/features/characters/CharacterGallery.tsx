import { useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { api, errorMessage } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'

interface Props {
  characters: Character[]
  onChanged: () => void
  onChat: (id: string) => void
  onEdit: (character: Character) => void
  onCreate: () => void
}

/** All characters: search, chat, edit, duplicate, delete (with confirmation). */
export function CharacterGallery({ characters, onChanged, onChat, onEdit, onCreate }: Props): React.JSX.Element {
  const [query, setQuery] = useState('')
  const [confirmId, setConfirmId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const needle = query.trim().toLowerCase()
  const shown = characters.filter((c) => !needle || `${c.name} ${c.tagline} ${c.tags.join(' ')}`.toLowerCase().includes(needle))

  const act = async (job: () => Promise<unknown>): Promise<void> => {
    setError(null)
    try {
      await job()
      onChanged()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <section className="gallery-view">
      <div className="row gallery-head">
        <h2>Characters</h2>
        <input data-testid="gallery-search" placeholder="Search characters…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button data-testid="new-character" onClick={onCreate}>
          New character
        </button>
      </div>
      <ErrorNotice message={error} onDismiss={() => setError(null)} />
      <ul className="gallery" data-testid="gallery">
        {shown.map((character) => (
          <li key={character.id} className="card gallery-card" data-testid="gallery-card">
            <div className="avatar-initial large">{character.name.slice(0, 1)}</div>
            <div className="gallery-name">{character.name}</div>
            <div className="hint">{character.tagline}</div>
            {confirmId === character.id ? (
              <div className="row">
                <span className="hint">Delete {character.name} and all chats?</span>
                <button className="danger" data-testid="confirm-delete" onClick={() => void act(() => api.characters.delete({ id: character.id }))}>
                  Delete
                </button>
                <button className="ghost" onClick={() => setConfirmId(null)}>
                  Keep
                </button>
              </div>
            ) : (
              <div className="row">
                <button onClick={() => onChat(character.id)}>Chat</button>
                <button className="ghost" onClick={() => onEdit(character)}>
                  Edit
                </button>
                <button className="ghost" onClick={() => void act(() => api.characters.duplicate({ id: character.id }))}>
                  Duplicate
                </button>
                <button className="ghost" data-testid="delete" onClick={() => setConfirmId(character.id)}>
                  Delete
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="hint">No character matches “{query}”.</p>}
    </section>
  )
}
