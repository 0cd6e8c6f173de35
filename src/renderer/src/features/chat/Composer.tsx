import { useRef, useState } from 'react'
import { useAutoResize } from '../../layout/useAutoResize'
import { ErrorNotice } from '../../components/ErrorNotice'
import { MicButton } from '../voice/MicButton'
import { useDictation } from '../voice/useDictation'

interface Props {
  characterName: string
  isBusy: boolean
  /** Resolves false when the message was refused; the text then comes back into the box. */
  onSend: (text: string) => Promise<boolean>
  onStop: () => void
  /** Typing while replies stream (a group's auto mode): the members stop talking at once. */
  onTypeWhileBusy?: () => void
}

/** The message box. Its draft is its own state, so typing re-renders only this, never the chat list. */
export function Composer({ characterName, isBusy, onSend, onStop, onTypeWhileBusy }: Props): React.JSX.Element {
  const [draft, setDraft] = useState('')
  const composerRef = useRef<HTMLTextAreaElement>(null)
  useAutoResize(composerRef, draft)
  // Spoken words land in the box (after what is typed there), to be read over and sent.
  const dictation = useDictation((text) =>
    setDraft((current) => (current.trim() ? `${current.trimEnd()} ${text}` : text))
  )

  const submit = async (): Promise<void> => {
    const text = draft
    if (!text.trim() || isBusy) return
    setDraft('')
    if (!(await onSend(text))) setDraft(text)
  }

  return (
    <>
      <ErrorNotice message={dictation.error} onDismiss={dictation.clearError} />
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
          placeholder={`Message ${characterName}…`}
          onChange={(e) => {
            setDraft(e.target.value)
            if (isBusy) onTypeWhileBusy?.()
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              void submit()
            } else if (e.key === 'Escape' && isBusy) {
              // Stops the reply without leaving the keyboard, as Stop does; the draft being typed stays.
              e.preventDefault()
              onStop()
            }
          }}
        />
        <MicButton dictation={dictation} />
        {isBusy ? (
          <button
            type="button"
            className="danger composer-button"
            aria-label="Stop"
            data-testid="stop"
            onClick={onStop}
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
    </>
  )
}
