import type { Character } from '../../../shared/domain'

interface Props {
  characters: readonly Pick<Character, 'id' | 'name'>[]
  value: string
  onChange: (characterId: string) => void
  /** What the choice is for, for screen readers (the select sits beside its text, not in a label). */
  label: string
  testId: string
  /** A first, empty choice ("Choose a character…"). */
  placeholder?: string
}

/** A choice of one character, by name. */
export function CharacterSelect({ characters, value, onChange, label, testId, placeholder }: Props): React.JSX.Element {
  return (
    <select aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {characters.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  )
}
