import { useEffect, useMemo, useState } from 'react'
import { useAction } from '../../components/useAction'
import type { Character, Group } from '../../../../shared/domain'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChat } from './useChat'
import { useMessageActions } from './useMessageActions'
import { MessageList } from './MessageList'
import { Composer } from './Composer'
import { MemoryPanel } from '../memory/MemoryPanel'
import { Avatar } from '../../components/Avatar'
import { ChatControls } from './ChatControls'
import { DatasetExport } from './DatasetExport'
import { ChatTransfer } from './ChatTransfer'
import { HistoryProgress } from './HistoryProgress'
import { useChatVoice } from '../voice/useChatVoice'
import { useVoiceCall } from '../voice/useVoiceCall'
import { CallView } from '../voice/CallView'
import { GroupMembersBar } from '../groups/GroupMembersBar'
import { GroupChatTransfer } from '../groups/GroupChatTransfer'
import { latestMoods, mutedNow } from '../groups/groupChatState'

/** Who the chat is with: one character, or a group and its members (in the group's order). */
export type ChatParty =
  { kind: 'character'; character: Character } | { kind: 'group'; group: Group; members: Character[] }

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
  const groupAction = useAction()
  const [isExportOpen, setIsExportOpen] = useState(false)
  const [isTransferOpen, setIsTransferOpen] = useState(false)
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
  const { actions, onOlder, onNewer } = useMessageActions(chat, voice)

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
          <ChatControls
            chat={chat}
            group={group}
            speakers={speakers}
            isBusy={isBusy}
            voice={voice}
            isCallOpen={isCallOpen}
            onCall={() => {
              setIsCallOpen(true)
              void call.start()
            }}
            isMemoryOpen={isMemoryOpen}
            onToggle={(panel) =>
              panel === 'export'
                ? setIsExportOpen(!isExportOpen)
                : panel === 'transfer'
                  ? setIsTransferOpen(!isTransferOpen)
                  : setIsMemoryOpen(!isMemoryOpen)
            }
            onGroupUpdated={props.onGroupUpdated}
            groupAction={groupAction}
          />
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
        <ErrorNotice
          message={chat.error ?? groupAction.error}
          onDismiss={() => (chat.clearError(), groupAction.dismiss())}
        />
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
