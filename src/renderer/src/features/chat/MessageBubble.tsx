import { useState } from 'react'
import type { Message, MessageRole, MessageStatus } from '../../../../shared/domain'
import { UsedMemories } from '../memory/UsedMemories'
import { InlineEditor } from '../../components/InlineEditor'
import { useSwipeGesture } from '../../layout/useSwipeGesture'

interface Props {
  role: MessageRole
  name: string
  text: string
  status: MessageStatus
  message?: Message
  isLast?: boolean
  isBusy?: boolean
  usedMemoryIds?: string[]
  onEdit?: (content: string) => void
  onDelete?: () => void
  onSwipe?: (delta: number) => void
  onRegenerate?: () => void
  onContinue?: () => void
  /** Set on the last reply only: a horizontal swipe by touch flips its versions. */
  onSwipeGesture?: (direction: 'left' | 'right') => void
}

export function MessageBubble(props: Props): React.JSX.Element {
  const { role, name, text, status, message } = props
  const [editing, setEditing] = useState<string | null>(null)
  const swipes = message?.swipes.length ?? 0
  const testId = status === 'streaming' ? 'streaming-message' : `message-${role}`
  const canSwipe = Boolean(props.onSwipeGesture) && status !== 'streaming' && editing === null && !props.isBusy
  const gesture = useSwipeGesture(canSwipe ? (props.onSwipeGesture ?? null) : null)
  return (
    <article
      className={`bubble ${role} ${status}${canSwipe ? ' swipeable' : ''}`}
      data-testid={testId}
      data-message-id={message?.id}
      {...gesture}
    >
      <div className="bubble-name">{name}</div>
      {editing !== null ? (
        <InlineEditor
          className="bubble-edit"
          initial={editing}
          testId="edit"
          onSave={(text) => {
            props.onEdit?.(text)
            setEditing(null)
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="bubble-text">
          {text}
          {status === 'streaming' && <span className="cursor">▍</span>}
        </div>
      )}
      {status === 'cancelled' && <div className="bubble-meta">stopped</div>}
      {status !== 'streaming' && props.usedMemoryIds && <UsedMemories ids={props.usedMemoryIds} />}
      {status === 'error' && <div className="bubble-meta">generation failed</div>}
      {message && status !== 'streaming' && editing === null && (
        <div className="bubble-actions">
          {swipes > 1 && (
            <span className="swipes">
              <button
                className="ghost small"
                disabled={message.swipeIndex === 0 || props.isBusy}
                onClick={() => props.onSwipe?.(-1)}
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
                onClick={() => props.onSwipe?.(1)}
                aria-label="Next version"
              >
                ›
              </button>
            </span>
          )}
          {props.isLast && role === 'assistant' && props.onRegenerate && (
            <>
              <button
                className="ghost small"
                data-testid="regenerate"
                disabled={props.isBusy}
                onClick={props.onRegenerate}
                title="Write another reply"
              >
                ↻
              </button>
              <button
                className="ghost small"
                data-testid="continue"
                disabled={props.isBusy}
                onClick={props.onContinue}
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
          <button className="ghost small" disabled={props.isBusy} onClick={props.onDelete} title="Delete">
            ✕
          </button>
        </div>
      )}
    </article>
  )
}
