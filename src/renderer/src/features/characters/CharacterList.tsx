import type { Character } from '../../../../shared/domain'
import { Avatar } from '../../components/Avatar'

interface Props {
  characters: Character[]
  selectedId: string | null
  onSelect: (id: string) => void
}

export function CharacterList({ characters, selectedId, onSelect }: Props): React.JSX.Element {
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
    </ul>
  )
}
