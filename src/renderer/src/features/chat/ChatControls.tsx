import { useState } from 'react'
import type { Action } from '../../components/useAction'
import type { Group } from '../../../../shared/domain'
import { GroupChatControls } from '../groups/GroupChatControls'
import type { ChatVoice } from '../voice/useChatVoice'
import { MoodTimeline, type TimelineSpeaker } from './MoodTimeline'
import type { ChatState } from './useChat'

/** The panels the controls open beside or above the chat. */
export type ChatPanel = 'export' | 'transfer' | 'memories'

interface Props {
  chat: ChatState
  /** A group chat's group; null for a one-to-one chat. */
  group: Group | null
  speakers: readonly TimelineSpeaker[]
  isBusy: boolean
  voice: ChatVoice
  isCallOpen: boolean
  onCall: () => void
  isMemoryOpen: boolean
  onToggle: (panel: ChatPanel) => void
  onGroupUpdated?: (group: Group) => void
  groupAction: Pick<Action, 'run' | 'isBusy'>
}

/**
 * What a chat's header offers: its mood timeline, which chat, call, read aloud, new chat, import/export, memories (and
 * a group's talk controls). On a narrow window they fold into a menu.
 */
export function ChatControls(props: Props): React.JSX.Element {
  const { chat, group, speakers, isBusy, voice, isCallOpen, onCall, isMemoryOpen, onToggle } = props
  const { onGroupUpdated, groupAction } = props
  const [isMenuOpen, setIsMenuOpen] = useState(false)
  return (
    <>
      <button
        className="ghost chat-menu-button"
        aria-label="Chat options"
        aria-expanded={isMenuOpen}
        aria-controls="chat-controls"
        data-testid="chat-menu"
        onClick={() => setIsMenuOpen(!isMenuOpen)}
      >
        ⋯
      </button>
      {/* On a wide window these sit in the header; on a narrow one they fold into the menu above. */}
      <div
        id="chat-controls"
        className={isMenuOpen ? 'chat-controls open' : 'chat-controls'}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button')) setIsMenuOpen(false)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setIsMenuOpen(false)
        }}
      >
        <MoodTimeline chatId={chat.chat?.id ?? null} speakers={speakers} />
        {group && onGroupUpdated && <GroupChatControls group={group} onUpdated={onGroupUpdated} action={groupAction} />}
        <select
          data-testid="chat-select"
          aria-label="Open chat"
          value={chat.chat?.id ?? ''}
          onChange={(e) => void chat.openChat(e.target.value)}
        >
          {chat.chats.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} · {new Date(c.updatedAt).toLocaleDateString()}
            </option>
          ))}
        </select>
        <button
          className={isCallOpen ? 'small' : 'ghost small'}
          data-testid="start-call"
          disabled={!chat.chat || isCallOpen}
          onClick={onCall}
          title="Talk hands-free: a pause ends your turn, the reply is spoken"
        >
          Call
        </button>
        <button
          className={voice.isReadAloud ? 'small' : 'ghost small'}
          data-testid="read-aloud"
          aria-pressed={voice.isReadAloud}
          disabled={!chat.chat}
          onClick={() => voice.setReadAloud(!voice.isReadAloud)}
          title="Read every reply aloud as it is written"
        >
          Read aloud
        </button>
        <button className="ghost small" data-testid="new-chat" disabled={isBusy} onClick={() => void chat.newChat()}>
          New chat
        </button>
        {!group && (
          <button
            className="ghost small"
            data-testid="open-dataset-export"
            onClick={() => onToggle('export')}
            title="Export chats for fine-tuning"
          >
            Export
          </button>
        )}
        <button
          className="ghost small"
          data-testid={group ? 'open-group-chat-transfer' : 'open-chat-transfer'}
          onClick={() => onToggle('transfer')}
          title={`Import a SillyTavern ${group ? 'group chat' : 'chat'}, or export this one`}
        >
          Import / export
        </button>
        <button
          className={isMemoryOpen ? 'small' : 'ghost small'}
          data-testid="open-memories"
          onClick={() => onToggle('memories')}
        >
          Memories
        </button>
      </div>
    </>
  )
}
