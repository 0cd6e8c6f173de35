import { useEffect, useState } from 'react'
import type { ChatExportFormat } from '../../../../shared/contract'
import type { Character, Chat } from '../../../../shared/domain'
import { api, errorMessage } from '../../api'
import { downloadBase64, fileToBase64 } from '../../files'

interface Props {
  character: Character
  chat: Chat | null
  /** The imported chat, to open it (it may belong to another character). */
  onImported: (chat: Chat) => void
  onClose: () => void
}

/** SillyTavern's header names the character; a file without one (a group chat) keeps the current character. */
async function characterNameIn(file: File): Promise<string | null> {
  const firstLine = (await file.slice(0, 64 * 1024).text()).split('\n')[0] ?? ''
  try {
    const header = JSON.parse(firstLine) as { character_name?: unknown; mes?: unknown }
    return header.mes === undefined && typeof header.character_name === 'string' ? header.character_name : null
  } catch (error) {
    console.warn('[chat import] the first line is not a header', error)
    return null
  }
}

/** Import a SillyTavern chat into a character of the user's choice; export the open chat. */
export function ChatTransfer({ character, chat, onImported, onClose }: Props): React.JSX.Element {
  const [characters, setCharacters] = useState<Character[]>([])
  const [file, setFile] = useState<File | null>(null)
  const [targetId, setTargetId] = useState(character.id)
  const [format, setFormat] = useState<ChatExportFormat>('st-jsonl')
  const [status, setStatus] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  useEffect(() => {
    api.characters.list({}).then(setCharacters, (e: unknown) => setStatus(errorMessage(e)))
  }, [])

  const pick = async (picked: File | null): Promise<void> => {
    setFile(picked)
    setStatus(null)
    if (!picked) return
    const name = (await characterNameIn(picked))?.trim().toLowerCase()
    const match = name ? characters.find((c) => c.name.trim().toLowerCase() === name) : undefined
    setTargetId(match?.id ?? character.id)
  }

  const runImport = async (): Promise<void> => {
    if (!file) return
    setIsBusy(true)
    try {
      const imported = await api.chat.import({
        characterId: targetId,
        fileName: file.name,
        dataBase64: await fileToBase64(file)
      })
      setStatus(`Imported ${imported.messageCount} messages as "${imported.title}".`)
      onImported(imported)
    } catch (e) {
      setStatus(errorMessage(e))
    } finally {
      setIsBusy(false)
    }
  }

  const runExport = async (): Promise<void> => {
    if (!chat) return
    try {
      const file = await api.chat.export({ chatId: chat.id, format })
      downloadBase64(file.fileName, file.dataBase64, format === 'st-jsonl' ? 'application/jsonl' : 'text/plain')
    } catch (e) {
      setStatus(errorMessage(e))
    }
  }

  return (
    <div className="card dataset-export" data-testid="chat-transfer">
      <h3>Import a SillyTavern chat</h3>
      <div className="row">
        <input
          type="file"
          accept=".jsonl,.json"
          aria-label="Chat file"
          data-testid="chat-import-file"
          onChange={(e) => void pick(e.target.files?.[0] ?? null)}
        />
        <select
          aria-label="Character the chat goes to"
          data-testid="chat-import-character"
          value={targetId}
          onChange={(e) => setTargetId(e.target.value)}
        >
          {characters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button data-testid="chat-import" disabled={!file || isBusy} onClick={() => void runImport()}>
          Import chat
        </button>
      </div>
      <h3>Export this chat</h3>
      <div className="row">
        <select
          aria-label="Export format"
          data-testid="chat-export-format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ChatExportFormat)}
        >
          <option value="st-jsonl">SillyTavern (.jsonl)</option>
          <option value="markdown">Markdown</option>
          <option value="text">Plain text</option>
        </select>
        <button className="ghost" data-testid="chat-export" disabled={!chat} onClick={() => void runExport()}>
          Export
        </button>
        <button className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {status && (
        <p className="hint" data-testid="chat-transfer-status" role="status">
          {status}
        </p>
      )}
    </div>
  )
}
