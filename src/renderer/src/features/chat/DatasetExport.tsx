import { useState } from 'react'
import type { Chat } from '../../../../shared/domain'
import type { DatasetFormat } from '../../../../shared/contract'
import { api, errorMessage } from '../../api'
import { downloadBase64 } from '../../files'

/** Pick chats and a format; the file is saved locally, nothing leaves the machine otherwise. */
export function DatasetExport({
  characterId,
  chats,
  onClose
}: {
  characterId: string
  chats: Chat[]
  onClose: () => void
}): React.JSX.Element {
  const [chosen, setChosen] = useState<Set<string>>(new Set(chats.map((c) => c.id)))
  const [format, setFormat] = useState<DatasetFormat>('openai-jsonl')
  const [error, setError] = useState<string | null>(null)
  const run = async (): Promise<void> => {
    setError(null)
    try {
      const file = await api.chat.exportDataset({ characterId, chatIds: [...chosen], format })
      downloadBase64(file.fileName, file.dataBase64, 'application/octet-stream')
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <div className="card dataset-export" data-testid="dataset-export">
      <strong>Export chats as a fine-tuning dataset</strong>
      {chats.map((chat) => (
        <label key={chat.id} className="inline">
          <input
            type="checkbox"
            checked={chosen.has(chat.id)}
            onChange={(e) => {
              const next = new Set(chosen)
              if (e.target.checked) next.add(chat.id)
              else next.delete(chat.id)
              setChosen(next)
            }}
          />
          {chat.title}
        </label>
      ))}
      <div className="row">
        <select value={format} onChange={(e) => setFormat(e.target.value as DatasetFormat)}>
          <option value="openai-jsonl">OpenAI chat JSONL</option>
          <option value="sharegpt">ShareGPT JSON</option>
          <option value="chatml">ChatML text</option>
        </select>
        <button data-testid="dataset-export-run" disabled={chosen.size === 0} onClick={() => void run()}>
          Export
        </button>
        <button className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <span className="hint">{error}</span>}
    </div>
  )
}
