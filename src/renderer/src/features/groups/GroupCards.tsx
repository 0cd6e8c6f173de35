import { useState } from 'react'
import type { Character, Group } from '../../../../shared/domain'
import { api } from '../../api'
import { fileToBase64 } from '../../files'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { StackedAvatars, namesOf } from '../../components/StackedAvatars'

interface Props {
  groups: readonly Group[]
  characters: readonly Character[]
  onChat: (groupId: string) => void
  onEdit: (group: Group) => void
  onCreate: () => void
  onChanged: () => void
}

/** The gallery's groups: each with its members' stacked avatars; chat, edit, delete (confirmed); a new group. */
export function GroupCards({ groups, characters, onChat, onEdit, onCreate, onChanged }: Props): React.JSX.Element {
  const [confirmId, setConfirmId] = useState<string | null>(null)
  const action = useAction()
  const membersOf = (group: Group): Character[] =>
    group.characterIds.flatMap((id) => characters.filter((c) => c.id === id))

  const remove = (group: Group): Promise<boolean> =>
    action.run(async () => {
      await api.groups.delete({ id: group.id })
      setConfirmId(null)
      onChanged()
    })

  return (
    <section className="group-cards" aria-labelledby="groups-title">
      <div className="row gallery-head">
        <h3 id="groups-title">Groups</h3>
        <button
          data-testid="new-group"
          disabled={characters.length < 2}
          title={characters.length < 2 ? 'A group needs two characters' : undefined}
          onClick={onCreate}
        >
          New group
        </button>
        <label className="button ghost">
          Import SillyTavern group
          <input
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="import-group"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file)
                void action.run(async () => {
                  await api.groups.import({ fileName: file.name, dataBase64: await fileToBase64(file) })
                  onChanged()
                })
            }}
          />
        </label>
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      {groups.length === 0 ? (
        <p className="hint">No groups yet: put two or more characters in one conversation.</p>
      ) : (
        <ul className="gallery" data-testid="group-gallery">
          {groups.map((group) => {
            const members = membersOf(group)
            return (
              <li key={group.id} className="card gallery-card" data-testid="group-card">
                <StackedAvatars characters={members} size={56} max={4} isDecorative />
                <div className="gallery-name">{group.name}</div>
                <div className="hint">{namesOf(members)}</div>
                {confirmId === group.id ? (
                  <div className="row">
                    <span className="hint">Delete {group.name} and its chats? Its members stay.</span>
                    <button className="danger" data-testid="confirm-delete-group" onClick={() => void remove(group)}>
                      Delete
                    </button>
                    <button className="ghost" onClick={() => setConfirmId(null)}>
                      Keep
                    </button>
                  </div>
                ) : (
                  <div className="row">
                    <button data-testid="group-chat" onClick={() => onChat(group.id)}>
                      Chat
                    </button>
                    <button className="ghost" data-testid="group-edit" onClick={() => onEdit(group)}>
                      Edit
                    </button>
                    <button className="ghost" data-testid="group-delete" onClick={() => setConfirmId(group.id)}>
                      Delete
                    </button>
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
