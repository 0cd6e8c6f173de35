import { useEffect, useState } from 'react'
import type { Character, EmotionReading } from '../../../shared/domain'
import { api } from '../api'

/**
 * The character's picture: its expression image for the current emotion when it has one, else the avatar
 * (uploaded or generated) with a mood badge. `updatedAt` in the key refetches it after a change.
 */
export function Avatar({
  character,
  size = 40,
  emotion
}: {
  character: Character
  size?: number
  emotion?: EmotionReading | null
}): React.JSX.Element {
  const [url, setUrl] = useState<string | null>(null)
  const label = emotion?.label
  const fineLabel = emotion?.fineLabel
  useEffect(() => {
    let isActive = true
    const query = label && fineLabel ? { id: character.id, emotion: { label, fineLabel } } : { id: character.id }
    api.characters.avatar(query).then(
      (r) => isActive && setUrl(r.dataUrl),
      () => isActive && setUrl(null)
    )
    return () => {
      isActive = false
    }
  }, [character.id, character.updatedAt, label, fineLabel])
  const mood = emotion?.label ?? null
  return (
    <span className="avatar-wrap" style={{ width: size, height: size }}>
      {url ? (
        <img className="avatar-img" src={url} alt="" style={{ width: size, height: size }} />
      ) : (
        <span className="avatar-initial">{character.name.slice(0, 1)}</span>
      )}
      {mood && (
        <span className={`mood-badge mood-${mood}`} data-testid="mood-badge" title={`Mood: ${mood}`}>
          {mood}
        </span>
      )}
    </span>
  )
}
