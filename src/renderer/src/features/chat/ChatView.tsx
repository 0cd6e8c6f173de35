import { useEffect, useRef, useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChat } from './useChat'
import { MessageBubble } from './MessageBubble'
import { MemoryPanel } from '../memory/MemoryPanel'
import { Avatar } from '../../components/Avatar'
import { MoodTimeline } from './MoodTimeline'
import { DatasetExport } from './DatasetExport'
import { useAutoResize } from '../../layout/useAutoResize'

interface Props {
  character: Character
  userName: string
  isModelLoaded: boolean
  onOpenModels: () => void
}

export function ChatView({ character, userName, isModelLoaded, onOpenModels }: Props): React.JSX.Element {
  const chat = useChat(character.id)
  const [draft, setDraft] = useState('')
  const [isMemoryOpen, setIsMemoryOpen] = useState(false)
  const [isExportOpen, setIsExportOpen] = useState(false)
  const [isMenuOpen, setIsMenuOpen] = useState(false)
  const endRef = useRef<HTMLDivElement>(null)
  const composerRef = useRef<HTMLTextAreaElement>(null)
  useAutoResize(composerRef, draft)
  const streaming = chat.streaming
  const isBusy = streaming !== null

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' })
  }, [chat.messages, streaming?.text])

  const submit = async (): Promise<void> => {
    const text = draft
    if (!text.trim() || isBusy) return
    setDraft('')
    // Give the text back if it was refused, so nothing the user typed is lost.
    if (!(await chat.send(text))) setDraft(text)
  }

  const showSource = (messageId: string): void => {
    const element = document.querySelector(`[data-message-id="${messageId}"]`)
    if (!element) return
    element.scrollIntoView({ block: 'center' })
    element.classList.add('highlight')
    setTimeout(() => element.classList.remove('highlight'), 1500)
  }

  const lastIndex = chat.messages.length - 1
  const last = chat.messages[lastIndex]
  // SillyTavern's swipes: finger to the left shows the next version (a new one past the last), to the right the previous.
  const swipeLast = (direction: 'left' | 'right'): void => {
    if (!last || isBusy) return
    if (direction === 'right') {
      if (last.swipeIndex > 0) void chat.swipe(last, -1)
    } else if (last.swipeIndex < last.swipes.length - 1) void chat.swipe(last, 1)
    else void chat.regenerate()
  }
  const mood = [...chat.messages].reverse().find((m) => m.role === 'assistant' && m.emotion)?.emotion ?? null
  return (
    <div className="chat-layout">
      <section className="chat-view">
        <header className="chat-header">
          <Avatar character={character} size={44} emotion={mood} />
          <h2>{character.name}</h2>
          <span className="hint">{character.tagline}</span>
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
            <MoodTimeline messages={chat.messages} characterName={character.name} />
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
              className="ghost small"
              data-testid="new-chat"
              disabled={isBusy}
              onClick={() => void chat.newChat()}
            >
              New chat
            </button>
            <button
              className="ghost small"
              data-testid="open-dataset-export"
              onClick={() => setIsExportOpen(!isExportOpen)}
              title="Export chats for fine-tuning"
            >
              Export
            </button>
            <button
              className={isMemoryOpen ? 'small' : 'ghost small'}
              data-testid="open-memories"
              onClick={() => setIsMemoryOpen(!isMemoryOpen)}
            >
              Memories
            </button>
          </div>
        </header>
        {isExportOpen && (
          <DatasetExport characterId={character.id} chats={chat.chats} onClose={() => setIsExportOpen(false)} />
        )}
        {!isModelLoaded && (
          <div className="card notice">
            No model is loaded. <button onClick={onOpenModels}>Choose a model</button>
          </div>
        )}
        <div className="messages" data-testid="messages">
          {chat.messages.map((message, index) => {
            const isTarget = streaming?.messageId === message.id
            const previous = chat.messages[index - 1]
            return (
              <MessageBubble
                key={message.id}
                message={message}
                role={message.role}
                name={message.role === 'assistant' ? character.name : userName}
                text={isTarget ? streaming.prefix + streaming.text : message.content}
                status={isTarget ? 'streaming' : message.status}
                isLast={index === lastIndex}
                usedMemoryIds={message.role === 'assistant' && previous?.role === 'user' ? previous.memoryIds : []}
                isBusy={isBusy}
                onEdit={(content) => void chat.edit(message, content)}
                onDelete={() => void chat.remove(message)}
                onSwipe={(delta) => void chat.swipe(message, delta)}
                onRegenerate={() => void chat.regenerate()}
                onContinue={() => void chat.continueReply()}
                onSwipeGesture={index === lastIndex && message.role === 'assistant' ? swipeLast : undefined}
              />
            )
          })}
          {streaming && streaming.messageId === null && (
            <MessageBubble role="assistant" text={streaming.text} status="streaming" name={character.name} />
          )}
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
            ref={composerRef}
            rows={1}
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
          {isBusy ? (
            <button
              type="button"
              className="danger composer-button"
              aria-label="Stop"
              data-testid="stop"
              onClick={() => void chat.stop()}
            >
              <span className="composer-icon" aria-hidden="true">
                ■
              </span>
              <span className="composer-label">Stop</span>
            </button>
          ) : (
            <button
              type="submit"
              className="composer-button"
              aria-label="Send"
              data-testid="send"
              disabled={!draft.trim()}
            >
              <span className="composer-icon" aria-hidden="true">
                ➤
              </span>
              <span className="composer-label">Send</span>
            </button>
          )}
        </form>
      </section>
      {isMemoryOpen && (
        <MemoryPanel
          characterId={character.id}
          characterName={character.name}
          onShowSource={showSource}
          onClose={() => setIsMemoryOpen(false)}
        />
      )}
    </div>
  )
}
