import type { Group } from '../../../../shared/domain'
import { api } from '../../api'
import type { GroupForm } from './groupForm'

/** Stores the editor's form: a new group, or the changes to `group`. */
export async function saveGroup(form: GroupForm, group: Group | null): Promise<Group> {
  const fields = {
    name: form.name.trim(),
    characterIds: form.characterIds,
    scenario: form.scenario,
    talkMode: form.talkMode,
    promptMode: form.promptMode,
    isAutoMode: form.isAutoMode,
    autoModeMaxReplies: form.autoModeMaxReplies
  }
  if (group) return api.groups.update({ id: group.id, patch: { ...fields, mutedUntil: form.mutedUntil } })
  const created = await api.groups.create(fields)
  // Mutes are set on a group that exists (create takes none).
  return Object.keys(form.mutedUntil).length > 0
    ? api.groups.update({ id: created.id, patch: { mutedUntil: form.mutedUntil } })
    : created
}
