import { useState } from 'react'
import type { Character } from '../../../../shared/domain'
import { useAction } from '../../components/useAction'
import { ErrorNotice } from '../../components/ErrorNotice'
import {
  AUTO_REPLIES_MAX,
  AUTO_REPLIES_MIN,
  PROMPT_MODE_CHOICES,
  TALK_MODE_CHOICES,
  formProblem,
  type GroupForm
} from './groupForm'
import { GroupMembersField } from './GroupMembersField'

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
  const action = useAction()
  const [isSaving, setIsSaving] = useState(false)
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
      <GroupMembersField characters={characters} form={form} onChange={setForm} />
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
