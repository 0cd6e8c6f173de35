import { useState } from 'react'
import type { Chat, Group } from '../../../../shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { exportChatFile, importChatFile } from '../chat/chatFiles'

interface Props {
  group: Group
  chat: Chat | null
  onImported: (chat: Chat) => void
  onClose: () => void
}

/** A SillyTavern group chat (.jsonl) into this group, each reply to the member of its name; this chat out as one. */
export function GroupChatTransfer({ group, chat, onImported, onClose }: Props): React.JSX.Element {
  const [file, setFile] = useState<File | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const action = useAction()

  const runImport = (picked: File): Promise<boolean> =>
    action.run(async () => {
      const imported = await importChatFile({ groupId: group.id }, picked)
      setStatus(imported.status)
      onImported(imported.chat)
    })

  const runExport = (current: Chat): Promise<boolean> => action.run(() => exportChatFile(current.id, 'st-jsonl'))

  return (
    <div className="card dataset-export" data-testid="group-chat-transfer">
      <h3>Import a SillyTavern group chat into {group.name}</h3>
      <div className="row">
        <input
          type="file"
          accept=".jsonl"
          aria-label="Group chat file"
          data-testid="group-chat-import-file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button data-testid="group-chat-import" disabled={!file} onClick={() => file && void runImport(file)}>
          Import chat
        </button>
      </div>
      <div className="row">
        <button
          className="ghost"
          data-testid="group-chat-export"
          disabled={!chat}
          onClick={() => chat && void runExport(chat)}
        >
          Export this chat (SillyTavern .jsonl)
        </button>
        <button className="ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      {status && (
        <p className="hint" data-testid="group-chat-transfer-status" role="status">
          {status}
        </p>
      )}
    </div>
  )
}
