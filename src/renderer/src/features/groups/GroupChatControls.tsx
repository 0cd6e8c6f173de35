import type { Group, TalkMode } from '../../../../shared/domain'
import { api } from '../../api'
import type { Action } from '../../components/useAction'
import { TALK_MODE_CHOICES } from './groupForm'

interface Props {
  group: Group
  onUpdated: (group: Group) => void
  /** The chat view's action slot: a failed change shows in the chat's error notice. */
  action: Pick<Action, 'run' | 'isBusy'>
}

/** In a group chat's header: who speaks next, and auto mode (members go on talking) on or off. */
export function GroupChatControls({ group, onUpdated, action }: Props): React.JSX.Element {
  const isSaving = action.isBusy
  const update = (patch: { talkMode?: TalkMode; isAutoMode?: boolean }): Promise<boolean> =>
    action.run(async () => onUpdated(await api.groups.update({ id: group.id, patch })))
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
