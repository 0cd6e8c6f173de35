import type { Character, EmotionReading } from '../../../../shared/domain'
import { Avatar } from '../../components/Avatar'

interface Props {
  members: readonly Character[]
  /** Each member's latest mood in this chat (absent: none yet). */
  moods: ReadonlyMap<string, EmotionReading>
  /** Members muted now: shown dimmed, and they cannot be asked to speak. */
  mutedIds: ReadonlySet<string>
  /** The member whose reply is being written, if any. */
  speakingId: string | null
  /** While a reply streams nobody else can be asked. */
  isBusy: boolean
  onSpeak: (characterId: string) => void
}

/** The chat header of a group: each member with their mood; a click (or Enter) makes that member speak now. */
export function GroupMembersBar({ members, moods, mutedIds, speakingId, isBusy, onSpeak }: Props): React.JSX.Element {
  return (
    <ul className="group-members-bar" aria-label="Members" data-testid="group-members-bar">
      {members.map((member) => {
        const mood = moods.get(member.id) ?? null
        const isMuted = mutedIds.has(member.id)
        const state = isMuted ? ', muted' : member.id === speakingId ? ', speaking' : ''
        return (
          <li key={member.id}>
            <button
              type="button"
              className={`ghost member-speak${member.id === speakingId ? ' speaking' : ''}${isMuted ? ' muted' : ''}`}
              data-testid="member-speak"
              data-character-id={member.id}
              aria-label={`Let ${member.name} speak now${mood ? ` (mood: ${mood.label})` : ''}${state}`}
              title={isMuted ? `${member.name} is muted` : `Let ${member.name} speak now`}
              disabled={isBusy || isMuted}
              onClick={() => onSpeak(member.id)}
            >
              <Avatar character={member} size={36} emotion={mood} />
              <span className="member-speak-name">{member.name}</span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
