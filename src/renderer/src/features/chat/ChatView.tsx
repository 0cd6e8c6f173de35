import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Character, Group } from '../../../../shared/domain'
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
import { GroupMembersBar } from '../groups/GroupMembersBar'
import { GroupChatControls } from '../groups/GroupChatControls'
import { GroupChatTransfer } from '../groups/GroupChatTransfer'
import { latestMoods, mutedNow } from '../groups/groupChatState'

/** Who the chat is with: one character, or a group and its members (in the group's order). */
export type ChatParty =
  { kind: 'character'; character: Character } | { kind: 'group'; group: Group; members: Character[] }
import { useVoiceCall } from '../voice/useVoiceCall'
import { CallView } from '../voice/CallView'

interface Props {
  party: ChatParty
  userName: string
  isModelLoaded: boolean
  onOpenModels: () => void
  /** Open this chat scrolled to this message (a search hit) instead of the latest chat at its end. */
  target?: { chatId: string; messageId: string }
  /** A memory's source is in a group chat (or a group member's memory is in its one-to-one chat): open it there. */
  onOpenElsewhere?: (place: { chatId: string; messageId: string; groupId: string | null; characterId: string }) => void
  /** The group changed here (talk mode, auto mode). */
  onGroupUpdated?: (group: Group) => void
}

/** How long a message jumped to stays outlined. */
const HIGHLIGHT_MS = 1500

export function ChatView(props: Props): React.JSX.Element {
  const { party, userName, isModelLoaded, onOpenModels, target } = props
  const group = party.kind === 'group' ? party.group : null
  const members = useMemo(() => (party.kind === 'group' ? party.members : [party.character]), [party])
  const chat = useChat(
    party.kind === 'group' ? { groupId: party.group.id } : { characterId: party.character.id },
    target
  )
  const name = party.kind === 'group' ? party.group.name : party.character.name
  const [memoryOf, setMemoryOf] = useState<string>(members[0]?.id ?? '')
  const memoryCharacter = members.find((m) => m.id === memoryOf) ?? members[0] ?? null
  const [isMemoryOpen, setIsMemoryOpen] = useState(false)
  const [groupError, setGroupError] = useState<string | null>(null)
  const [isExportOpen, setIsExportOpen] = useState(false)
  const [isTransferOpen, setIsTransferOpen] = useState(false)
  const [isMenuOpen, setIsMenuOpen] = useState(false)
  const [highlightId, setHighlightId] = useState<string | null>(target?.messageId ?? null)
  const streaming = chat.streaming
  const isBusy = streaming !== null
  const messages = chat.window.messages
  const moods = useMemo(
    () => latestMoods(messages, group ? null : (members[0]?.id ?? null)),
    [messages, group, members]
  )
  // In a group the voice is the member whose reply streams (else the first member's).
  const voiceCharacter = members.find((m) => m.id === streaming?.characterId) ?? members[0]!
  const mood = moods.get(voiceCharacter.id) ?? null
  const [isCallOpen, setIsCallOpen] = useState(false)
  const voice = useChatVoice(
    voiceCharacter,
    chat.chat?.id ?? null,
    { streamId: streaming?.streamId ?? null, text: chat.streamText },
    mood,
    isCallOpen,
    members
  )
  const call = useVoiceCall({ isBusy, send: chat.send, stop: chat.stop })
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

  const showSource = (messageId: string, chatId: string | null, groupId: string | null): void => {
    const target = chatId ?? chat.chat?.id
    if (!target) return
    const isHere = chat.chats.some((c) => c.id === target)
    if (!isHere && props.onOpenElsewhere && memoryCharacter) {
      props.onOpenElsewhere({ chatId: target, messageId, groupId, characterId: memoryCharacter.id })
      return
    }
    void chat.showMessage(target, messageId)
    setHighlightId(messageId)
  }

  const speakers = useMemo(() => members.map((m) => ({ id: m.id, name: m.name })), [members])
  const speakerMap = useMemo(() => (group ? new Map(members.map((m) => [m.id, m])) : undefined), [group, members])
  const muted = useMemo(() => (group ? mutedNow(group, new Date()) : new Set<string>()), [group])
  const last = messages[messages.length - 1]
  const isWaitingForPick = group?.talkMode === 'manual' && !isBusy && last?.role === 'user'
  return (
    <div className="chat-layout">
      <section className="chat-view">
        <header className={group ? 'chat-header group-header' : 'chat-header'}>
          {party.kind === 'character' ? (
            <>
              <Avatar character={party.character} size={44} emotion={moods.get(party.character.id) ?? null} />
              <h2>{name}</h2>
              <span className="hint">{party.character.tagline}</span>
            </>
          ) : (
            <>
              <h2>{name}</h2>
              <GroupMembersBar
                members={members}
                moods={moods}
                mutedIds={muted}
                speakingId={streaming?.characterId ?? null}
                isBusy={isBusy}
                onSpeak={(id) => void chat.speak(id)}
              />
            </>
          )}
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
            {group && props.onGroupUpdated && (
              <GroupChatControls group={group} onUpdated={props.onGroupUpdated} onError={setGroupError} />
            )}
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
              onClick={() => {
                setIsCallOpen(true)
                void call.start()
              }}
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
            <button
              className="ghost small"
              data-testid="new-chat"
              disabled={isBusy}
              onClick={() => void chat.newChat()}
            >
              New chat
            </button>
            {group && (
              <button
                className="ghost small"
                data-testid="open-group-chat-transfer"
                onClick={() => setIsTransferOpen(!isTransferOpen)}
                title="Import a SillyTavern group chat, or export this one"
              >
                Import / export
              </button>
            )}
            {party.kind === 'character' && (
              <>
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
              </>
            )}
            <button
              className={isMemoryOpen ? 'small' : 'ghost small'}
              data-testid="open-memories"
              onClick={() => setIsMemoryOpen(!isMemoryOpen)}
            >
              Memories
            </button>
          </div>
        </header>
        {isExportOpen && party.kind === 'character' && (
          <DatasetExport characterId={party.character.id} chats={chat.chats} onClose={() => setIsExportOpen(false)} />
        )}
        {isTransferOpen && group && (
          <GroupChatTransfer
            group={group}
            chat={chat.chat}
            onImported={(imported) => void chat.showChat(imported)}
            onClose={() => setIsTransferOpen(false)}
          />
        )}
        {isTransferOpen && party.kind === 'character' && (
          <ChatTransfer
            character={party.character}
            chat={chat.chat}
            onImported={(imported) => {
              if (imported.characterId === party.character.id) void chat.showChat(imported)
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
        {isCallOpen && (
          <CallView character={voiceCharacter} mood={mood} call={call} onClose={() => setIsCallOpen(false)} />
        )}
        <MessageList
          window={chat.window}
          streaming={streaming}
          streamText={chat.streamText}
          characterName={name}
          userName={userName}
          speakers={speakerMap}
          highlightId={highlightId}
          speakingId={voice.speakingKey}
          actions={actions}
          onOlder={onOlder}
          onNewer={onNewer}
        />
        {isWaitingForPick && (
          <p className="hint pick-speaker" role="status" data-testid="pick-speaker">
            Manual mode: choose who answers by clicking a member above.
          </p>
        )}
        <ErrorNotice message={chat.error ?? groupError} onDismiss={() => (chat.clearError(), setGroupError(null))} />
        <ErrorNotice message={voice.error} onDismiss={voice.clearError} />
        {voice.speakingKey !== null && (
          <button className="small stop-voice" data-testid="stop-voice" onClick={voice.stop}>
            ■ Stop reading aloud
          </button>
        )}
        <Composer
          characterName={name}
          isBusy={isBusy}
          onSend={chat.send}
          onStop={() => {
            voice.stop()
            void chat.stop()
          }}
          onTypeWhileBusy={group?.isAutoMode ? () => void chat.stop() : undefined}
        />
      </section>
      {isMemoryOpen && memoryCharacter && (
        <MemoryPanel
          key={memoryCharacter.id}
          characterId={memoryCharacter.id}
          characterName={memoryCharacter.name}
          members={group ? members : undefined}
          onChooseMember={setMemoryOf}
          onShowSource={showSource}
          onClose={() => setIsMemoryOpen(false)}
        />
      )}
    </div>
  )
}
