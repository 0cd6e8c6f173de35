import { useEffect, useRef, useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChat } from './useChat'
import { MessageBubble } from './MessageBubble'

interface Props {
  character: Character
  isModelLoaded: boolean
  onOpenModels: () => void
}

export function ChatView({ character, isModelLoaded, onOpenModels }: Props): React.JSX.Element {
  const chat = useChat(character.id)
  const [draft, setDraft] = useState('')
  const endRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' })
  }, [chat.messages, chat.streaming?.text])

  const submit = async (): Promise<void> => {
    const text = draft
    if (!text.trim() || chat.streaming) return
    setDraft('')
    // Give the text back if it was refused, so nothing the user typed is lost.
    if (!(await chat.send(text))) setDraft(text)
  }

  return (
    <section className="chat-view">
      <header className="chat-header">
        <h2>{character.name}</h2>
        <span className="hint">{character.tagline}</span>
      </header>
      {!isModelLoaded && (
        <div className="card notice">
          No model is loaded. <button onClick={onOpenModels}>Choose a model</button>
        </div>
      )}
      <div className="messages" data-testid="messages">
        {chat.messages.map((message) => (
          <MessageBubble key={message.id} role={message.role} text={message.content} status={message.status} name={message.role === 'assistant' ? character.name : 'You'} />
        ))}
        {chat.streaming && <MessageBubble role="assistant" text={chat.streaming.text} status="streaming" name={character.name} />}
        <div ref={endRef} />
      </div>
      <ErrorNotice message={chat.error} onDismiss={chat.clearError} />
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <textarea
          data-testid="composer"
          value={draft}
          placeholder={`Message ${character.name}…`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              void submit()
            }
          }}
        />
        {chat.streaming ? (
          <button type="button" className="danger" data-testid="stop" onClick={() => void chat.stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" data-testid="send" disabled={!draft.trim()}>
            Send
          </button>
        )}
      </form>
    </section>
  )
}
