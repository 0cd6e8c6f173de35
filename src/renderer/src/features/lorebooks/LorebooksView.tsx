import { useCallback, useEffect, useState } from 'react'
import type { LorebookSummary } from '../../../../shared/domain'
import { api, errorMessage } from '../../api'
import { fileToBase64 } from '../../files'
import { LorebookEditor } from './LorebookEditor'

/** Lorebooks: import (SillyTavern World Info, card books, NovelAI), create, and pick one to edit. */
export function LorebooksView(): React.JSX.Element {
  const [books, setBooks] = useState<LorebookSummary[]>([])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const refresh = useCallback(() => {
    api.lorebooks.list({}).then(setBooks, (e: unknown) => setError(errorMessage(e)))
  }, [])
  useEffect(refresh, [refresh])
  const attempt = async (job: () => Promise<string>): Promise<void> => {
    setError(null)
    try {
      setSelectedId(await job())
      refresh()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <div className="lorebooks-view">
      <section className="card">
        <h2>Lorebooks</h2>
        <div className="row">
          <label className="button ghost">
            Import…
            <input
              type="file"
              hidden
              accept=".json,.lorebook,.png"
              data-testid="lorebook-import-file"
              onChange={(e) => {
                const file = e.target.files?.[0]
                e.target.value = ''
                if (file)
                  void attempt(async () => {
                    const book = await api.lorebooks.import({
                      fileName: file.name,
                      dataBase64: await fileToBase64(file)
                    })
                    return book.id
                  })
              }}
            />
          </label>
          <input
            aria-label="New lorebook name"
            placeholder="New lorebook"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            className="ghost"
            disabled={!name.trim()}
            onClick={() =>
              void attempt(async () => {
                const book = await api.lorebooks.create({ name })
                setName('')
                return book.id
              })
            }
          >
            Create
          </button>
        </div>
        {error && (
          <p className="hint" role="alert" data-testid="lorebook-error">
            {error}
          </p>
        )}
        <ul data-testid="lorebook-list">
          {books.map((book) => (
            <li key={book.id}>
              <button
                className={book.id === selectedId ? 'small' : 'ghost small'}
                data-testid="lorebook-item"
                onClick={() => setSelectedId(book.id)}
              >
                {book.name} · {book.entryCount} entries
                {book.attachments.length === 0 ? ' · not used yet' : ''}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {selectedId && (
        <LorebookEditor
          key={selectedId}
          id={selectedId}
          onChanged={refresh}
          onDeleted={() => {
            setSelectedId(null)
            refresh()
          }}
        />
      )}
    </div>
  )
}
