import { useState } from 'react'
import type { Chat } from '../../../../shared/domain'
import type { DatasetFormat } from '../../../../shared/contract'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
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
  const { error, run } = useAction()
  const exportDataset = (): Promise<boolean> =>
    run(async () => {
      const file = await api.chat.exportDataset({ characterId, chatIds: [...chosen], format })
      downloadBase64(file.fileName, file.dataBase64, 'application/octet-stream')
      onClose()
    })
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
        <select aria-label="Dataset format" value={format} onChange={(e) => setFormat(e.target.value as DatasetFormat)}>
          <option value="openai-jsonl">OpenAI chat JSONL</option>
          <option value="sharegpt">ShareGPT JSON</option>
          <option value="chatml">ChatML text</option>
        </select>
        <button data-testid="dataset-export-run" disabled={chosen.size === 0} onClick={() => void exportDataset()}>
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
