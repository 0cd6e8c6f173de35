import { useEffect, useState } from 'react'
import type { Character } from '../../../shared/domain'
import { api } from '../api'

/** The character's picture (uploaded or generated); `updatedAt` in the key refetches it after a change. */
export function Avatar({ character, size = 40, mood }: { character: Character; size?: number; mood?: string | null }): React.JSX.Element {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let isActive = true
    api.characters.avatar({ id: character.id }).then((r) => isActive && setUrl(r.dataUrl), () => isActive && setUrl(null))
    return () => {
      isActive = false
    }
  }, [character.id, character.updatedAt])
  return (
    <span className="avatar-wrap" style={{ width: size, height: size }}>
      {url ? <img className="avatar-img" src={url} alt="" style={{ width: size, height: size }} /> : <span className="avatar-initial">{character.name.slice(0, 1)}</span>}
      {mood && (
        <span className={`mood-badge mood-${mood}`} data-testid="mood-badge" title={`Mood: ${mood}`}>
          {mood}
        </span>
      )}
    </span>
  )
}
