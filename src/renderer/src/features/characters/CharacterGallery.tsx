import { useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { Avatar } from '../../components/Avatar'
import { downloadBase64, fileToBase64 } from '../../files'
import type { CardFormat } from '../../../../shared/contract'

interface Props {
  characters: Character[]
  onChanged: () => void
  onChat: (id: string) => void
  onEdit: (character: Character) => void
  onCreate: () => void
  /** Shown above the characters (the groups). */
  children?: React.ReactNode
}

/** All characters: search, chat, edit, duplicate, delete (with confirmation). */
export function CharacterGallery(props: Props): React.JSX.Element {
  const { characters, onChanged, onChat, onEdit, onCreate, children } = props
  const [query, setQuery] = useState('')
  const [confirmId, setConfirmId] = useState<string | null>(null)
  const action = useAction()
  const [format, setFormat] = useState<CardFormat>('png-v3')
  const needle = query.trim().toLowerCase()
  const shown = characters.filter(
    (c) => !needle || `${c.name} ${c.tagline} ${c.tags.join(' ')}`.toLowerCase().includes(needle)
  )

  const act = async (job: () => Promise<unknown>): Promise<void> => {
    if (await action.run(job)) onChanged()
  }

  const importFiles = (files: FileList | null | undefined): void => {
    for (const file of Array.from(files ?? [])) {
      void act(async () => api.characters.importCard({ fileName: file.name, dataBase64: await fileToBase64(file) }))
    }
  }
  const exportCard = (character: Character): Promise<void> =>
    act(async () => {
      const file = await api.characters.exportCard({ id: character.id, format })
      const mimeType = format.startsWith('png')
        ? 'image/png'
        : format === 'charx'
          ? 'application/zip'
          : 'application/json'
      downloadBase64(file.fileName, file.dataBase64, mimeType)
    })

  return (
    <section
      className="gallery-view"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault()
        importFiles(e.dataTransfer.files)
      }}
    >
      <div className="row gallery-head">
        <h2>Characters</h2>
        <input
          data-testid="gallery-search"
          placeholder="Search characters…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="button ghost">
          Import card
          <input
            type="file"
            accept=".png,.json,.charx,.byaf,image/png,application/json"
            multiple
            hidden
            data-testid="import-card"
            onChange={(e) => importFiles(e.target.files)}
          />
        </label>
        <select value={format} onChange={(e) => setFormat(e.target.value as CardFormat)} title="Export format">
          <option value="png-v3">PNG card (V3 + V2)</option>
          <option value="png-v2">PNG card (V2)</option>
          <option value="json-v3">JSON (V3)</option>
          <option value="json-v2">JSON (V2)</option>
          <option value="charx">CHARX (V3 with images)</option>
        </select>
        <button data-testid="new-character" onClick={onCreate}>
          New character
        </button>
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      {children}
      <ul className="gallery" data-testid="gallery">
        {shown.map((character) => (
          <li key={character.id} className="card gallery-card" data-testid="gallery-card">
            <Avatar character={character} size={96} />
            <div className="gallery-name">{character.name}</div>
            <div className="hint">{character.tagline}</div>
            {confirmId === character.id ? (
              <div className="row">
                <span className="hint">Delete {character.name} and all chats?</span>
                <button
                  className="danger"
                  data-testid="confirm-delete"
                  onClick={() => void act(() => api.characters.delete({ id: character.id }))}
                >
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
                <button
                  className="ghost"
                  onClick={() => void act(() => api.characters.duplicate({ id: character.id }))}
                >
                  Duplicate
                </button>
                <button className="ghost" data-testid="export-card" onClick={() => void exportCard(character)}>
                  Export
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
