import type { Character, EmotionReading } from '../../../../shared/domain'
import { Avatar } from '../../components/Avatar'
import { ErrorNotice } from '../../components/ErrorNotice'
import type { VoiceCall } from './useVoiceCall'

interface Props {
  character: Character
  mood: EmotionReading | null
  call: VoiceCall
  onClose: () => void
}

/** The call screen: the character's face in its current mood, who is speaking, and the way out. */
export function CallView({ character, mood, call, onClose }: Props): React.JSX.Element {
  const status =
    call.speaker === 'you'
      ? 'You are speaking…'
      : call.speaker === 'character'
        ? `${character.name} is speaking`
        : call.speaker === 'thinking'
          ? `${character.name} is thinking…`
          : call.isActive
            ? 'Listening — just talk'
            : call.error
              ? 'The call could not start'
              : 'Starting the microphone…'
  return (
    <section className="call-screen" data-testid="call-screen" aria-label={`Voice call with ${character.name}`}>
      <div className={`call-avatar speaker-${call.speaker}`}>
        <Avatar character={character} size={160} emotion={mood} />
      </div>
      <h2>{character.name}</h2>
      <p className="call-status" data-testid="call-status" data-speaker={call.speaker} aria-live="polite">
        {status}
      </p>
      <span className="mic-level call-level" aria-hidden="true">
        <span style={{ transform: `scaleX(${Math.min(1, call.level * 4)})` }} />
      </span>
      {call.lastHeard && (
        <p className="hint" data-testid="call-heard">
          You said: {call.lastHeard}
        </p>
      )}
      <ErrorNotice message={call.error} />
      <button
        className="danger"
        data-testid="end-call"
        onClick={() => {
          void call.end()
          onClose()
        }}
      >
        End call
      </button>
    </section>
  )
}
