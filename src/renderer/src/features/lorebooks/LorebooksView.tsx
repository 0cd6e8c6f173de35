import { useCallback, useEffect, useState } from 'react'
import type { LorebookSummary } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { fileToBase64 } from '../../files'
import { LorebookEditor } from './LorebookEditor'

/** Lorebooks: import (SillyTavern World Info, card books, NovelAI), create, and pick one to edit. */
export function LorebooksView(): React.JSX.Element {
  const [books, setBooks] = useState<LorebookSummary[]>([])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const action = useAction()
  const { fail } = action
  const refresh = useCallback(() => {
    api.lorebooks.list({}).then(setBooks, fail)
  }, [fail])
  useEffect(refresh, [refresh])
  const attempt = (job: () => Promise<string>): Promise<boolean> =>
    action.run(async () => {
      setSelectedId(await job())
      refresh()
    })
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
        {action.error && (
          <p className="hint" role="alert" data-testid="lorebook-error">
            {action.error}
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
