import type { Character } from '../../../shared/domain'
import { Avatar } from './Avatar'

interface Props {
  /** The members, in the group's order; the first is drawn on top. */
  characters: readonly Character[]
  size?: number
  /** How many pictures at most; the rest show as "+N". */
  max?: number
  /** The names are written next to it: hidden from screen readers, which would read them twice. */
  isDecorative?: boolean
}

/** A group's face: its members' avatars overlapping like a hand of cards, named in full for screen readers. */
export function StackedAvatars({ characters, size = 40, max = 3, isDecorative = false }: Props): React.JSX.Element {
  const shown = characters.slice(0, max)
  const hidden = characters.length - shown.length
  // Each picture shifts left by a third of its width, so three 40px avatars take ~93px instead of 120px.
  const overlap = Math.round(size / 3)
  return (
    <span
      className="stacked-avatars"
      data-testid="stacked-avatars"
      {...(isDecorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': namesOf(characters) })}
    >
      {shown.map((character, i) => (
        <span
          key={character.id}
          className="stacked-avatar"
          aria-hidden="true"
          style={{ marginLeft: i === 0 ? 0 : -overlap, zIndex: shown.length - i }}
        >
          <Avatar character={character} size={size} />
        </span>
      ))}
      {hidden > 0 && (
        <span
          className="stacked-more"
          aria-hidden="true"
          style={{ width: size, height: size, marginLeft: -overlap, fontSize: Math.max(11, size / 3) }}
        >
          +{hidden}
        </span>
      )}
    </span>
  )
}

/** "Aiko", "Aiko and Ren", "Aiko, Ren and Mio". */
export function namesOf(characters: readonly { name: string }[]): string {
  const names = characters.map((c) => c.name)
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
