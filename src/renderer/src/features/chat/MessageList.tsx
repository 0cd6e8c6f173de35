import { memo, useCallback } from 'react'
import { Virtuoso } from 'react-virtuoso'
import type { Character, Message } from '../../../../shared/domain'
import { MessageBubble, type MessageActions } from './MessageBubble'
import type { StreamText } from './StreamText'
import type { Streaming } from './useReplyStream'
import type { MessageWindow } from './useMessagePages'

/** The row of a reply being written that has no stored message yet. */
const PENDING = { id: 'pending-reply' } as const
type Row = Message | typeof PENDING

interface Props {
  window: MessageWindow
  streaming: Streaming | null
  streamText: StreamText
  characterName: string
  userName: string
  /** A group chat's members by id: each reply then shows its speaker's avatar (and the streaming one its writer). */
  speakers?: ReadonlyMap<string, Character>
  highlightId: string | null
  /** The message being read aloud. */
  speakingId?: string | null
  actions: MessageActions
  onOlder: () => void
  onNewer: () => void
}

/**
 * The chat, virtualised: only the bubbles on screen (and a few around) are in the DOM, so a chat of any length opens
 * and scrolls alike. Opens at the newest message (or centred on a jump target), loads older pages as the top comes
 * near, keeps the reading position when they are prepended (firstItemIndex) and follows a reply while at the bottom.
 */
export const MessageList = memo(function MessageList(props: Props): React.JSX.Element {
  const { window, streaming, streamText, actions } = props
  const isBusy = streaming !== null
  const rows: readonly Row[] =
    streaming && streaming.messageId === null && !window.hasNewer ? [...window.messages, PENDING] : window.messages
  const lastMessageIndex = window.hasNewer ? -1 : window.messages.length - 1
  const focus = window.focusId ? window.messages.findIndex((m) => m.id === window.focusId) : -1

  const renderRow = useCallback(
    (index: number, row: Row) => {
      if (!('role' in row)) {
        const writer = streaming?.characterId ? props.speakers?.get(streaming.characterId) : undefined
        return (
          <MessageBubble
            role="assistant"
            name={writer?.name ?? props.characterName}
            speaker={writer}
            text=""
            status="streaming"
            stream={{ store: streamText, prefix: '' }}
          />
        )
      }
      const position = index - window.firstItemIndex
      const previous = window.messages[position - 1]
      const isTarget = streaming?.messageId === row.id
      return (
        <MessageBubble
          message={row}
          role={row.role}
          name={
            row.speakerName ?? importedName(row) ?? (row.role === 'assistant' ? props.characterName : props.userName)
          }
          speaker={row.characterId ? props.speakers?.get(row.characterId) : undefined}
          text={row.content}
          status={row.status}
          stream={isTarget ? { store: streamText, prefix: streaming.prefix } : undefined}
          isLast={position === lastMessageIndex}
          isBusy={isBusy}
          isHighlighted={row.id === props.highlightId}
          isSpeaking={row.id === props.speakingId}
          usedMemoryIds={row.role === 'assistant' && previous?.role === 'user' ? previous.memoryIds : undefined}
          usedLoreIds={row.role === 'assistant' && previous?.role === 'user' ? previous.loreEntryIds : undefined}
          actions={actions}
        />
      )
    },
    [
      window,
      streaming,
      streamText,
      isBusy,
      lastMessageIndex,
      actions,
      props.characterName,
      props.userName,
      props.speakers,
      props.highlightId,
      props.speakingId
    ]
  )

  return (
    <Virtuoso<Row>
      key={window.key}
      className="messages"
      data-testid="messages"
      data={rows}
      firstItemIndex={window.firstItemIndex}
      initialTopMostItemIndex={focus >= 0 ? { index: focus, align: 'center' } : { index: 'LAST', align: 'end' }}
      computeItemKey={(_, row) => row.id}
      itemContent={renderRow}
      startReached={props.onOlder}
      endReached={props.onNewer}
      followOutput={(isAtBottom) => (isAtBottom ? 'auto' : false)}
      increaseViewportBy={{ top: 400, bottom: 200 }}
      components={{ Item: MessageRow }}
    />
  )
})

function MessageRow(props: React.HTMLAttributes<HTMLDivElement>): React.JSX.Element {
  return <div {...props} className="message-row" />
}

/** The speaker an imported message had in its app (a persona renamed mid-chat, a group chat's members). */
function importedName(message: Message): string | null {
  const st = message.metadata.st as { name?: unknown } | undefined
  return typeof st?.name === 'string' && st.name ? st.name : null
}
