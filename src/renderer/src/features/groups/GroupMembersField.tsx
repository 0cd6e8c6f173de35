import { useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { Avatar } from '../../components/Avatar'
import { MUTE_CHOICES, addMember, isMuted, moveMember, muteMember, removeMember, type GroupForm } from './groupForm'
import { CharacterSelect } from '../../components/CharacterSelect'

interface Props {
  /** Every character, members and the ones that could be added. */
  characters: readonly Character[]
  form: GroupForm
  onChange: (form: GroupForm) => void
}

/** A group's members in speaking order: move, mute for a while, remove, and add another character. */
export function GroupMembersField({ characters, form, onChange: setForm }: Props): React.JSX.Element {
  const [candidate, setCandidate] = useState('')
  const now = new Date()
  const byId = new Map(characters.map((c) => [c.id, c]))
  const others = characters.filter((c) => !form.characterIds.includes(c.id))
  return (
    <fieldset className="card group-members">
      <legend>Members</legend>
      {form.characterIds.length === 0 && <p className="hint">Add two or more characters.</p>}
      <ol className="member-list" data-testid="group-members">
        {form.characterIds.map((id, index) => {
          const character = byId.get(id)
          const name = character?.name ?? 'A deleted character'
          const muted = isMuted(form, id, now)
          return (
            <li key={id} className="member-row" data-testid="group-member">
              {character ? <Avatar character={character} size={32} /> : <span className="avatar-initial">?</span>}
              <span className="member-name">{name}</span>
              {muted && (
                <span className="hint" data-testid="member-muted">
                  muted until {formatUntil(form.mutedUntil[id]!, now)}
                </span>
              )}
              <span className="spacer" />
              <select
                aria-label={`Mute ${name}`}
                data-testid="member-mute"
                value=""
                onChange={(e) =>
                  setForm(muteMember(form, id, e.target.value === 'off' ? null : Number(e.target.value), new Date()))
                }
              >
                <option value="" disabled>
                  {muted ? 'Muted' : 'Mute…'}
                </option>
                {MUTE_CHOICES.map((choice) => (
                  <option key={choice.minutes} value={choice.minutes}>
                    Mute for {choice.label}
                  </option>
                ))}
                {muted && <option value="off">Unmute</option>}
              </select>
              <button
                type="button"
                className="ghost small"
                aria-label={`Move ${name} earlier`}
                disabled={index === 0}
                onClick={() => setForm(moveMember(form, id, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost small"
                aria-label={`Move ${name} later`}
                disabled={index === form.characterIds.length - 1}
                onClick={() => setForm(moveMember(form, id, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="ghost small"
                aria-label={`Remove ${name}`}
                data-testid="member-remove"
                onClick={() => setForm(removeMember(form, id))}
              >
                Remove
              </button>
            </li>
          )
        })}
      </ol>
      {others.length > 0 && (
        <div className="row">
          <CharacterSelect
            characters={others}
            value={candidate}
            onChange={setCandidate}
            label="Character to add"
            testId="member-candidate"
            placeholder="Choose a character…"
          />
          <button
            type="button"
            data-testid="member-add"
            disabled={!candidate}
            onClick={() => {
              setForm(addMember(form, candidate))
              setCandidate('')
            }}
          >
            Add
          </button>
        </div>
      )}
    </fieldset>
  )
}

/** "14:05" today, else the date and time. */
function formatUntil(iso: string, now: Date): string {
  const until = new Date(iso)
  const time = until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return until.toDateString() === now.toDateString() ? time : `${until.toLocaleDateString()} ${time}`
}
