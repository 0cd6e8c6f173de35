import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChat } from './useChat'
import type { MessageActions } from './MessageBubble'
import { MessageList } from './MessageList'
import { Composer } from './Composer'
import { MemoryPanel } from '../memory/MemoryPanel'
import { Avatar } from '../../components/Avatar'
import { MoodTimeline } from './MoodTimeline'
import { DatasetExport } from './DatasetExport'
import { ChatTransfer } from './ChatTransfer'
import { HistoryProgress } from './HistoryProgress'
import { useChatVoice } from '../voice/useChatVoice'

interface Props {
  character: Character
  userName: string
  isModelLoaded: boolean
  onOpenModels: () => void
  /** Open this chat scrolled to this message (a search hit) instead of the latest chat at its end. */
  target?: { chatId: string; messageId: string }
}

/** How long a message jumped to stays outlined. */
const HIGHLIGHT_MS = 1500

export function ChatView({ character, userName, isModelLoaded, onOpenModels, target }: Props): React.JSX.Element {
  const chat = useChat(character.id, target)
  const [isMemoryOpen, setIsMemoryOpen] = useState(false)
  const [isExportOpen, setIsExportOpen] = useState(false)
  const [isTransferOpen, setIsTransferOpen] = useState(false)
  const [isMenuOpen, setIsMenuOpen] = useState(false)
  const [highlightId, setHighlightId] = useState<string | null>(target?.messageId ?? null)
  const streaming = chat.streaming
  const isBusy = streaming !== null
  const messages = chat.window.messages
  const mood = useMemo(
    () => [...messages].reverse().find((m) => m.role === 'assistant' && m.emotion)?.emotion ?? null,
    [messages]
  )
  const voice = useChatVoice(
    character,
    chat.chat?.id ?? null,
    { streamId: streaming?.streamId ?? null, text: chat.streamText },
    mood
  )
  // Stable for the life of the view, so memoised bubbles are not re-rendered by a new callback each render.
  const latest = useRef(chat)
  const latestVoice = useRef(voice)
  useLayoutEffect(() => {
    latest.current = chat
    latestVoice.current = voice
  }, [chat, voice])
  const actions = useMemo<MessageActions>(
    () => ({
      edit: (message, content) => void latest.current.edit(message, content),
      remove: (message, keepMemories) => void latest.current.remove(message, keepMemories),
      swipe: (message, delta) => void latest.current.swipe(message, delta),
      regenerate: () => void latest.current.regenerate(),
      continueReply: () => void latest.current.continueReply(),
      speak: (message) => latestVoice.current.speak(message),
      stopSpeaking: () => latestVoice.current.stop(),
      // SillyTavern's swipes: finger to the left shows the next version (a new one past the last), to the right the
      // previous.
      swipeGesture: (message, direction) => {
        const current = latest.current
        if (current.streaming) return
        if (direction === 'right') {
          if (message.swipeIndex > 0) void current.swipe(message, -1)
        } else if (message.swipeIndex < message.swipes.length - 1) void current.swipe(message, 1)
        else void current.regenerate()
      }
    }),
    []
  )
  const onOlder = useMemo(() => () => void latest.current.loadOlder(), [])
  const onNewer = useMemo(() => () => void latest.current.loadNewer(), [])

  useEffect(() => {
    if (!highlightId) return
    const timer = setTimeout(() => setHighlightId(null), HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [highlightId])

  const showSource = (messageId: string, chatId: string | null): void => {
    const target = chatId ?? chat.chat?.id
    if (!target) return
    void chat.showMessage(target, messageId)
    setHighlightId(messageId)
  }

  const speakers = useMemo(() => [{ id: character.id, name: character.name }], [character.id, character.name])
  const speakerOf = useMemo(() => () => character.id, [character.id])
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
            <MoodTimeline messages={messages} speakers={speakers} speakerOf={speakerOf} />
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
              className={voice.isReadAloud ? 'small' : 'ghost small'}
              data-testid="read-aloud"
              aria-pressed={voice.isReadAloud}
              disabled={!chat.chat}
              onClick={() => voice.setReadAloud(!voice.isReadAloud)}
              title="Read every reply aloud as it is written"
            >
              Read aloud
            </button>
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
              className="ghost small"
              data-testid="open-chat-transfer"
              onClick={() => setIsTransferOpen(!isTransferOpen)}
              title="Import a SillyTavern chat, or export this one"
            >
              Import / export
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
        {isTransferOpen && (
          <ChatTransfer
            character={character}
            chat={chat.chat}
            onImported={(imported) => {
              if (imported.characterId === character.id) void chat.showChat(imported)
            }}
            onClose={() => setIsTransferOpen(false)}
          />
        )}
        {chat.chat && <HistoryProgress key={chat.chat.id} chatId={chat.chat.id} />}
        {!isModelLoaded && (
          <div className="card notice">
            No model is loaded. <button onClick={onOpenModels}>Choose a model</button>
          </div>
        )}
        <MessageList
          window={chat.window}
          streaming={streaming}
          streamText={chat.streamText}
          characterName={character.name}
          userName={userName}
          highlightId={highlightId}
          speakingId={voice.speakingKey}
          actions={actions}
          onOlder={onOlder}
          onNewer={onNewer}
        />
        <ErrorNotice message={chat.error} onDismiss={chat.clearError} />
        <ErrorNotice message={voice.error} onDismiss={voice.clearError} />
        {voice.speakingKey !== null && (
          <button className="small stop-voice" data-testid="stop-voice" onClick={voice.stop}>
            ■ Stop reading aloud
          </button>
        )}
        <Composer
          characterName={character.name}
          isBusy={isBusy}
          onSend={chat.send}
          onStop={() => {
            voice.stop()
            void chat.stop()
          }}
        />
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
