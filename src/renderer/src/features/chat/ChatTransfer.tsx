import { useEffect, useState } from 'react'
import type { ChatExportFormat } from '../../../../shared/contract'
import type { Character, Chat } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { exportChatFile, importChatFile } from './chatFiles'
import { CharacterSelect } from '../../components/CharacterSelect'

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
  const [done, setDone] = useState<string | null>(null)
  const action = useAction()
  const { fail } = action
  // What became of the last action, where the user looks for it: its failure, or what it did.
  const status = action.error ?? done

  useEffect(() => {
    api.characters.list({}).then(setCharacters, fail)
  }, [fail])

  const pick = async (picked: File | null): Promise<void> => {
    setFile(picked)
    setDone(null)
    action.dismiss()
    if (!picked) return
    const name = (await characterNameIn(picked))?.trim().toLowerCase()
    const match = name ? characters.find((c) => c.name.trim().toLowerCase() === name) : undefined
    setTargetId(match?.id ?? character.id)
  }

  const runImport = (chosen: File): Promise<boolean> =>
    action.run(async () => {
      const imported = await importChatFile({ characterId: targetId }, chosen)
      setDone(imported.status)
      onImported(imported.chat)
    })

  const runExport = (shown: Chat): Promise<boolean> => action.run(() => exportChatFile(shown.id, format))

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
        <CharacterSelect
          characters={characters}
          value={targetId}
          onChange={setTargetId}
          label="Character the chat goes to"
          testId="chat-import-character"
        />
        <button
          data-testid="chat-import"
          disabled={!file || action.isBusy}
          onClick={() => file && void runImport(file)}
        >
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
        <button
          className="ghost"
          data-testid="chat-export"
          disabled={!chat}
          onClick={() => chat && void runExport(chat)}
        >
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
