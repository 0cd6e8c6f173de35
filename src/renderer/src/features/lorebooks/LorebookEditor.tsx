import { useCallback, useEffect, useState } from 'react'
import type { LoreEntryInput, LorebookExportFormat } from '../../../../shared/contract'
import {
  defaultLoreEntry,
  type Character,
  type Chat,
  type LorebookAttachment,
  type LorebookData
} from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { downloadBase64 } from '../../files'
import { LoreEntryForm } from './LoreEntryForm'
import { LorebookSettings } from './LorebookSettings'

const isAttached = (book: LorebookData, target: LorebookAttachment): boolean =>
  book.attachments.some((a) => JSON.stringify(a) === JSON.stringify(target))

/** One lorebook: where it applies, its entries (edit, add, delete), export and delete. */
export function LorebookEditor(props: { id: string; onChanged: () => void; onDeleted: () => void }): React.JSX.Element {
  const [book, setBook] = useState<LorebookData | null>(null)
  const [characters, setCharacters] = useState<Character[]>([])
  const [chats, setChats] = useState<(Chat & { characterName: string })[]>([])
  const [editing, setEditing] = useState<LoreEntryInput | null>(null)
  const { error, run: runAction, fail } = useAction()
  const run = useCallback(
    (job: () => Promise<LorebookData | void>): Promise<boolean> =>
      runAction(async () => {
        const result = await job()
        if (result) setBook(result)
        props.onChanged()
      }),
    [props, runAction]
  )
  useEffect(() => {
    api.lorebooks.get({ id: props.id }).then(setBook, fail)
    void (async () => {
      const list = await api.characters.list({})
      setCharacters(list)
      const perCharacter = await Promise.all(
        list.map(async (c) =>
          (await api.chat.list({ characterId: c.id })).map((chat) => ({ ...chat, characterName: c.name }))
        )
      )
      setChats(perCharacter.flat())
    })().catch(fail)
  }, [props.id, fail])
  if (!book) return <div className="card">{error ?? 'Loading…'}</div>
  const attach = (target: LorebookAttachment, on: boolean): Promise<boolean> =>
    run(() => api.lorebooks.attach({ id: book.id, target, isAttached: on }))
  const exportAs = (format: LorebookExportFormat): Promise<boolean> =>
    run(async () => {
      const file = await api.lorebooks.export({ id: book.id, format })
      downloadBase64(file.fileName, file.dataBase64, 'application/json')
    })
  const attachedChats = book.attachments.flatMap((a) => (a.kind === 'chat' ? [a.chatId] : []))
  return (
    <section className="card lorebook-editor" data-testid="lorebook-editor">
      <h2>{book.name}</h2>
      <p className="hint">
        {book.entryCount} entries · matched SillyTavern's way (recursion {book.isRecursive ? 'on' : 'off'})
      </p>
      <LorebookSettings
        key={book.id}
        book={book}
        onSave={(patch) => void run(() => api.lorebooks.update({ id: book.id, ...patch }))}
      />
      <fieldset>
        <legend>Used in</legend>
        <label>
          <input
            type="checkbox"
            data-testid="lore-attach-global"
            checked={isAttached(book, { kind: 'global' })}
            onChange={(e) => void attach({ kind: 'global' }, e.target.checked)}
          />
          Every chat
        </label>
        {characters.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              data-testid={`lore-attach-character-${c.name}`}
              checked={isAttached(book, { kind: 'character', characterId: c.id })}
              onChange={(e) => void attach({ kind: 'character', characterId: c.id }, e.target.checked)}
            />
            {c.name}
          </label>
        ))}
        <select
          aria-label="Use in one chat"
          data-testid="lore-attach-chat"
          value=""
          onChange={(e) => e.target.value && void attach({ kind: 'chat', chatId: e.target.value }, true)}
        >
          <option value="">Use in one chat…</option>
          {chats
            .filter((c) => !attachedChats.includes(c.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.characterName}: {c.title}
              </option>
            ))}
        </select>
        {chats
          .filter((c) => attachedChats.includes(c.id))
          .map((c) => (
            <button
              key={c.id}
              className="ghost small"
              onClick={() => void attach({ kind: 'chat', chatId: c.id }, false)}
            >
              {c.characterName}: {c.title} ✕
            </button>
          ))}
      </fieldset>
      <div className="row">
        <button className="ghost small" data-testid="lore-add-entry" onClick={() => setEditing(defaultLoreEntry(0))}>
          Add entry
        </button>
        <button className="ghost small" data-testid="lore-export-st" onClick={() => void exportAs('st-worldinfo')}>
          Export World Info
        </button>
        <button className="ghost small" onClick={() => void exportAs('card-book')}>
          Export as card book
        </button>
        <button
          className="ghost small"
          data-testid="lorebook-delete"
          onClick={() => void run(async () => api.lorebooks.delete({ id: book.id }).then(props.onDeleted))}
        >
          Delete lorebook
        </button>
      </div>
      {error && (
        <p className="hint" role="alert">
          {error}
        </p>
      )}
      {editing && (
        <LoreEntryForm
          key={editing.id ?? 'new'}
          entry={editing}
          onCancel={() => setEditing(null)}
          onSave={(entry) =>
            void run(async () => {
              const saved = await api.lorebooks.update({ id: book.id, upsertEntries: [entry] })
              setEditing(null)
              return saved
            })
          }
        />
      )}
      <ul className="lore-entries" data-testid="lore-entries">
        {book.entries.map((entry) => (
          <li key={entry.id} data-testid="lore-entry" className={entry.isEnabled ? '' : 'disabled'}>
            <button className="ghost" data-testid="lore-entry-edit" onClick={() => setEditing(entry)}>
              <strong>{entry.comment || `#${entry.uid}`}</strong>{' '}
              <span className="hint">
                {entry.isConstant ? 'always on' : entry.keys.join(', ') || 'no keys'}
                {entry.isEnabled ? '' : ' · off'}
              </span>
            </button>
            <button
              className="ghost small"
              aria-label="Delete entry"
              onClick={() => void run(() => api.lorebooks.update({ id: book.id, deleteEntryIds: [entry.id] }))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
