import { memo, useState } from 'react'
import type { Character, Message, MessageRole, MessageStatus } from '../../../../shared/domain'
import { Avatar } from '../../components/Avatar'
import { UsedMemories } from '../memory/UsedMemories'
import { UsedLore } from '../lorebooks/UsedLore'
import { InlineEditor } from '../../components/InlineEditor'
import { useSwipeGesture } from '../../layout/useSwipeGesture'
import { StreamingText } from './StreamingText'
import type { StreamText } from './StreamText'
import { SpeakButton } from '../voice/SpeakButton'

/** What a bubble's buttons do: one stable object for the whole list, so a bubble re-renders only for its own props. */
export interface MessageActions {
  edit(message: Message, content: string): void
  /** `keepMemories`: what memory learned only from it stays, marked as from a deleted message. */
  remove(message: Message, keepMemories: boolean): void
  swipe(message: Message, delta: number): void
  regenerate(): void
  continueReply(): void
  /** A horizontal touch swipe on the last reply flips its versions. */
  swipeGesture(message: Message, direction: 'left' | 'right'): void
  /** Reads a reply aloud; absent where the list has no voice. */
  speak?(message: Message): void
  stopSpeaking?(): void
}

interface Props {
  role: MessageRole
  name: string
  /** The group member who wrote it: its avatar is shown beside the name. */
  speaker?: Character
  /** The stored text; ignored while `stream` is set. */
  text: string
  status: MessageStatus
  message?: Message
  /** Set while this bubble shows the reply being streamed. */
  stream?: { store: StreamText; prefix: string }
  isLast?: boolean
  isBusy?: boolean
  isHighlighted?: boolean
  /** This message is being read aloud. */
  isSpeaking?: boolean
  usedMemoryIds?: string[]
  usedLoreIds?: string[]
  actions?: MessageActions
}

/** One message. Memoised: in a long chat only the bubble whose props changed re-renders. */
export const MessageBubble = memo(function MessageBubble(props: Props): React.JSX.Element {
  const { role, name, text, message, stream, actions } = props
  const status = stream ? 'streaming' : props.status
  const [editing, setEditing] = useState<string | null>(null)
  const [isConfirmingDelete, setConfirmingDelete] = useState(false)
  const swipes = message?.swipes.length ?? 0
  const testId = status === 'streaming' ? 'streaming-message' : `message-${role}`
  const canSwipe =
    Boolean(props.isLast && role === 'assistant' && message && actions) &&
    status !== 'streaming' &&
    editing === null &&
    !props.isBusy
  const gesture = useSwipeGesture(
    canSwipe && message && actions ? (direction) => actions.swipeGesture(message, direction) : null
  )
  return (
    <article
      className={`bubble ${role} ${status}${canSwipe ? ' swipeable' : ''}${props.isHighlighted ? ' highlight' : ''}`}
      data-testid={testId}
      data-message-id={message?.id}
      {...gesture}
    >
      <div className="bubble-name">
        {props.speaker && <Avatar character={props.speaker} size={24} emotion={message?.emotion} />}
        <span data-testid="speaker-name">{name}</span>
      </div>
      {editing !== null ? (
        <InlineEditor
          className="bubble-edit"
          initial={editing}
          testId="edit"
          onSave={(text) => {
            if (message) actions?.edit(message, text)
            setEditing(null)
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="bubble-text">
          {stream ? (
            <StreamingText store={stream.store} prefix={stream.prefix} />
          ) : (
            <>
              {text}
              {status === 'streaming' && <span className="cursor">▍</span>}
            </>
          )}
        </div>
      )}
      {status === 'cancelled' && <div className="bubble-meta">stopped</div>}
      {status !== 'streaming' && props.usedMemoryIds && <UsedMemories ids={props.usedMemoryIds} />}
      {status !== 'streaming' && props.usedLoreIds && <UsedLore ids={props.usedLoreIds} />}
      {status === 'error' && <div className="bubble-meta">generation failed</div>}
      {message && status !== 'streaming' && editing === null && (
        <div className="bubble-actions">
          {role === 'assistant' && actions?.speak && actions.stopSpeaking && (
            <SpeakButton
              isSpeaking={Boolean(props.isSpeaking)}
              onSpeak={() => actions.speak?.(message)}
              onStop={actions.stopSpeaking}
            />
          )}
          {swipes > 1 && (
            <span className="swipes">
              <button
                className="ghost small"
                disabled={message.swipeIndex === 0 || props.isBusy}
                onClick={() => actions?.swipe(message, -1)}
                aria-label="Previous version"
              >
                ‹
              </button>
              <span data-testid="swipe-counter">
                {message.swipeIndex + 1}/{swipes}
              </span>
              <button
                className="ghost small"
                disabled={message.swipeIndex >= swipes - 1 || props.isBusy}
                onClick={() => actions?.swipe(message, 1)}
                aria-label="Next version"
              >
                ›
              </button>
            </span>
          )}
          {props.isLast && role === 'assistant' && actions && (
            <>
              <button
                className="ghost small"
                data-testid="regenerate"
                disabled={props.isBusy}
                onClick={actions.regenerate}
                title="Write another reply"
              >
                ↻
              </button>
              <button
                className="ghost small"
                data-testid="continue"
                disabled={props.isBusy}
                onClick={actions.continueReply}
                title="Continue this reply"
              >
                →
              </button>
            </>
          )}
          <button
            className="ghost small"
            disabled={props.isBusy}
            onClick={() => setEditing(message.content)}
            title="Edit"
          >
            ✎
          </button>
          <button
            className="ghost small"
            disabled={props.isBusy}
            onClick={() => setConfirmingDelete(true)}
            title="Delete"
          >
            ✕
          </button>
        </div>
      )}
      {message && actions && isConfirmingDelete && (
        <div className="confirm-delete" role="alertdialog" aria-label="Delete this message?">
          <p>Delete this message? What memory learned only from it is deleted too.</p>
          <button className="danger small" onClick={() => actions.remove(message, false)}>
            Delete
          </button>
          <button className="ghost small" onClick={() => actions.remove(message, true)}>
            Delete, keep its memories
          </button>
          <button className="ghost small" onClick={() => setConfirmingDelete(false)}>
            Cancel
          </button>
        </div>
      )}
    </article>
  )
})
