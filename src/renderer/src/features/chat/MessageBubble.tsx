import type { MessageRole, MessageStatus } from '../../../../shared/domain'

interface Props {
  role: MessageRole
  name: string
  text: string
  status: MessageStatus
}

export function MessageBubble({ role, name, text, status }: Props): React.JSX.Element {
  return (
    <article className={`bubble ${role} ${status}`} data-testid={status === 'streaming' ? 'streaming-message' : `message-${role}`}>
      <div className="bubble-name">{name}</div>
      <div className="bubble-text">
        {text}
        {status === 'streaming' && <span className="cursor">▍</span>}
      </div>
      {status === 'cancelled' && <div className="bubble-meta">stopped</div>}
      {status === 'error' && <div className="bubble-meta">generation failed</div>}
    </article>
  )
}
