import { useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { useAction } from '../../components/useAction'
import { Avatar } from '../../components/Avatar'
import { ErrorNotice } from '../../components/ErrorNotice'
import {
  AUTO_REPLIES_MAX,
  AUTO_REPLIES_MIN,
  MUTE_CHOICES,
  PROMPT_MODE_CHOICES,
  TALK_MODE_CHOICES,
  addMember,
  formProblem,
  isMuted,
  moveMember,
  muteMember,
  removeMember,
  type GroupForm
} from './groupForm'

interface Props {
  /** Every character, members and the ones that could be added. */
  characters: readonly Character[]
  initial: GroupForm
  isNew: boolean
  /** Stores the form; a thrown error is shown and the form stays as typed. */
  onSave: (form: GroupForm) => Promise<void>
  onCancel: () => void
}

/** A group's name, members (order, add, remove, mute), scenario and how its members take turns; stored on Save. */
export function GroupEditor({ characters, initial, isNew, onSave, onCancel }: Props): React.JSX.Element {
  const [form, setForm] = useState<GroupForm>(initial)
  const [candidate, setCandidate] = useState('')
  const action = useAction()
  const [isSaving, setIsSaving] = useState(false)
  const now = new Date()
  const byId = new Map(characters.map((c) => [c.id, c]))
  const others = characters.filter((c) => !form.characterIds.includes(c.id))
  const problem = formProblem(form)

  const save = async (): Promise<void> => {
    setIsSaving(true)
    await action.run(() => onSave(form))
    setIsSaving(false)
  }

  return (
    <section className="editor group-editor" data-testid="group-editor" aria-labelledby="group-editor-title">
      <h2 id="group-editor-title">{isNew ? 'New group' : `Edit ${initial.name}`}</h2>
      <div className="card field">
        <label htmlFor="group-name">Name</label>
        <input
          id="group-name"
          data-testid="group-name"
          value={form.name}
          placeholder="The tea club"
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </div>
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
            <select
              aria-label="Character to add"
              data-testid="member-candidate"
              value={candidate}
              onChange={(e) => setCandidate(e.target.value)}
            >
              <option value="">Choose a character…</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
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
      <div className="card field">
        <label htmlFor="group-scenario">Scenario (optional)</label>
        <textarea
          id="group-scenario"
          data-testid="group-scenario"
          rows={3}
          value={form.scenario}
          placeholder="Where the group is and what is going on"
          onChange={(e) => setForm({ ...form, scenario: e.target.value })}
        />
      </div>
      <fieldset className="card choice-group" data-testid="talk-mode">
        <legend>Who speaks next</legend>
        {TALK_MODE_CHOICES.map((mode) => (
          <label key={mode.value} className="inline choice">
            <input
              type="radio"
              name="talk-mode"
              value={mode.value}
              checked={form.talkMode === mode.value}
              onChange={() => setForm({ ...form, talkMode: mode.value })}
            />
            <span>
              {mode.label} <span className="hint">{mode.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="card choice-group" data-testid="prompt-mode">
        <legend>Character profiles in the prompt</legend>
        {PROMPT_MODE_CHOICES.map((mode) => (
          <label key={mode.value} className="inline choice">
            <input
              type="radio"
              name="prompt-mode"
              value={mode.value}
              checked={form.promptMode === mode.value}
              onChange={() => setForm({ ...form, promptMode: mode.value })}
            />
            <span>
              {mode.label} <span className="hint">{mode.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="card field">
        <label className="inline">
          <input
            type="checkbox"
            data-testid="group-auto-mode"
            checked={form.isAutoMode}
            onChange={(e) => setForm({ ...form, isAutoMode: e.target.checked })}
          />
          Auto mode: members go on talking among themselves after your message
        </label>
        <label htmlFor="group-auto-replies">Auto mode: replies before waiting for you</label>
        <input
          id="group-auto-replies"
          data-testid="group-auto-replies"
          type="number"
          min={AUTO_REPLIES_MIN}
          max={AUTO_REPLIES_MAX}
          step={1}
          value={Number.isNaN(form.autoModeMaxReplies) ? '' : form.autoModeMaxReplies}
          onChange={(e) => setForm({ ...form, autoModeMaxReplies: e.target.valueAsNumber })}
        />
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      {problem && (
        <p className="hint" data-testid="group-problem" role="status">
          {problem}
        </p>
      )}
      <div className="row editor-actions">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          data-testid="group-save"
          disabled={problem !== null || isSaving}
          onClick={() => void save()}
        >
          {isSaving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </section>
  )
}

/** "14:05" today, else the date and time. */
function formatUntil(iso: string, now: Date): string {
  const until = new Date(iso)
  const time = until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return until.toDateString() === now.toDateString() ? time : `${until.toLocaleDateString()} ${time}`
}
