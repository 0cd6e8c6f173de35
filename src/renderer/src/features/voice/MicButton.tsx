import { useRef } from 'react'
import type { Dictation } from './useDictation'

/** Held at least this long, the button is push-to-talk (release ends the recording); a tap toggles instead. */
const HOLD_MS = 500

/** The composer's microphone: tap to start and tap again to stop, or hold while speaking; shows the level. */
export function MicButton({ dictation, disabled }: { dictation: Dictation; disabled?: boolean }): React.JSX.Element {
  const pressedAt = useRef<number | null>(null)
  const startedByPress = useRef(false)
  const { state, level } = dictation
  const isRecording = state === 'recording' || state === 'starting'
  const label =
    state === 'transcribing' ? 'Turning speech into text' : isRecording ? 'Stop recording' : 'Speak instead of typing'
  return (
    <button
      type="button"
      className={isRecording ? 'danger composer-button mic-button' : 'ghost composer-button mic-button'}
      data-testid="mic"
      data-state={state}
      aria-label={label}
      title={`${label} (tap, or hold while speaking)`}
      aria-pressed={isRecording}
      disabled={disabled || state === 'transcribing'}
      onPointerDown={() => {
        pressedAt.current = Date.now()
        startedByPress.current = state === 'idle'
        if (state === 'idle') void dictation.start()
      }}
      onPointerUp={() => {
        const heldFor = pressedAt.current === null ? 0 : Date.now() - pressedAt.current
        pressedAt.current = null
        if (startedByPress.current && heldFor >= HOLD_MS) void dictation.stop()
      }}
      onClick={() => {
        // A pointer press already started it; the click that follows the tap leaves it recording (toggle).
        if (startedByPress.current) {
          startedByPress.current = false
          return
        }
        if (state === 'idle') void dictation.start()
        else void dictation.stop()
      }}
    >
      <span className="composer-icon" aria-hidden="true">
        {state === 'transcribing' ? (
          '…'
        ) : (
          // Drawn, not an emoji: systems without an emoji font showed an empty box.
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <rect x="9" y="3" width="6" height="11" rx="3" />
            <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
          </svg>
        )}
      </span>
      {isRecording && (
        <span className="mic-level" data-testid="mic-level" aria-hidden="true">
          <span style={{ transform: `scaleX(${Math.min(1, level * 4)})` }} />
        </span>
      )}
    </button>
  )
}
