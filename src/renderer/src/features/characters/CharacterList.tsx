import type { Character, Group } from '../../../../shared/domain'
import { Avatar } from '../../components/Avatar'
import { StackedAvatars, namesOf } from '../../components/StackedAvatars'

interface Props {
  characters: Character[]
  selectedId: string | null
  onSelect: (id: string) => void
  /** Group chats, listed after the characters. */
  groups?: readonly Group[]
  selectedGroupId?: string | null
  onSelectGroup?: (id: string) => void
}

export function CharacterList(props: Props): React.JSX.Element {
  const { characters, selectedId, onSelect, groups = [], selectedGroupId = null, onSelectGroup } = props
  return (
    <ul className="character-list" data-testid="character-list">
      {characters.map((character) => (
        <li key={character.id}>
          <button
            className={character.id === selectedId ? 'character active' : 'character'}
            onClick={() => onSelect(character.id)}
          >
            <Avatar character={character} />
            <span className="character-text">
              <span className="character-name">{character.name}</span>
              <span className="character-tagline">{character.tagline}</span>
            </span>
          </button>
        </li>
      ))}
      {onSelectGroup &&
        groups.map((group) => {
          const members = group.characterIds.flatMap((id) => characters.filter((c) => c.id === id))
          return (
            <li key={group.id} data-testid="group-list-item">
              <button
                className={group.id === selectedGroupId ? 'character active' : 'character'}
                onClick={() => onSelectGroup(group.id)}
              >
                <StackedAvatars characters={members} size={28} max={3} isDecorative />
                <span className="character-text">
                  <span className="character-name">{group.name}</span>
                  <span className="character-tagline">{namesOf(members)}</span>
                </span>
              </button>
            </li>
          )
        })}
    </ul>
  )
}
