import { useState } from 'react'
import type { Group, TalkMode } from '../../../../shared/domain'
import { api } from '../../api'
import { runAction } from '../../components/useAction'
import { TALK_MODE_CHOICES } from './groupForm'

interface Props {
  group: Group
  onUpdated: (group: Group) => void
  /** Shows (a message) or clears (null) this control's error. */
  onError: (message: string | null) => void
}

/** In a group chat's header: who speaks next, and auto mode (members go on talking) on or off. */
export function GroupChatControls({ group, onUpdated, onError }: Props): React.JSX.Element {
  const [isSaving, setIsSaving] = useState(false)
  const update = async (patch: { talkMode?: TalkMode; isAutoMode?: boolean }): Promise<void> => {
    setIsSaving(true)
    await runAction(async () => onUpdated(await api.groups.update({ id: group.id, patch })), onError)
    setIsSaving(false)
  }
  return (
    <>
      <select
        aria-label="Who speaks next"
        className="talk-mode-select"
        data-testid="group-talk-mode"
        value={group.talkMode}
        disabled={isSaving}
        onChange={(e) => void update({ talkMode: e.target.value as TalkMode })}
      >
        {TALK_MODE_CHOICES.map((mode) => (
          <option key={mode.value} value={mode.value}>
            {mode.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={group.isAutoMode ? 'small' : 'ghost small'}
        aria-pressed={group.isAutoMode}
        data-testid="group-auto-toggle"
        disabled={isSaving}
        title={`Members go on talking among themselves, up to ${group.autoModeMaxReplies} replies`}
        onClick={() => void update({ isAutoMode: !group.isAutoMode })}
      >
        Auto
      </button>
    </>
  )
}
