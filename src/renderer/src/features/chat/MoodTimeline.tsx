import type { Emotion, Message } from '../../../../shared/domain'

/** Where each mood sits from unpleasant (-1) to pleasant (+1), for the timeline. */
const VALENCE: Record<Emotion, number> = {
  joy: 1,
  love: 0.9,
  surprise: 0.3,
  neutral: 0,
  fear: -0.6,
  sadness: -0.8,
  disgust: -0.9,
  anger: -1
}

/** How the user's and the character's tone moved through the chat. */
export function MoodTimeline({
  messages,
  characterName
}: {
  messages: Message[]
  characterName: string
}): React.JSX.Element | null {
  const points = messages.filter((m) => m.emotion && m.role !== 'system')
  if (points.length < 2) return null
  const width = 260
  const height = 60
  const x = (i: number): number => (i / (points.length - 1)) * (width - 10) + 5
  const y = (m: Message): number => height / 2 - VALENCE[m.emotion!.label] * (height / 2 - 6)
  const line = (role: 'user' | 'assistant'): string =>
    points
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => m.role === role)
      .map(({ m, i }) => `${x(i).toFixed(1)},${y(m).toFixed(1)}`)
      .join(' ')
  return (
    <figure className="mood-timeline" data-testid="mood-timeline">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        height={height}
        preserveAspectRatio="none"
        role="img"
        aria-label="Mood over the chat"
      >
        <line x1={0} x2={width} y1={height / 2} y2={height / 2} stroke="#3a3452" />
        <polyline points={line('user')} fill="none" stroke="#8b7bff" strokeWidth={2} />
        <polyline points={line('assistant')} fill="none" stroke="#ff7eb6" strokeWidth={2} />
        {points.map((m, i) => (
          <circle key={m.id} cx={x(i)} cy={y(m)} r={3} fill={m.role === 'user' ? '#8b7bff' : '#ff7eb6'}>
            <title>{`${m.role === 'user' ? 'You' : characterName}: ${m.emotion!.label} (${m.emotion!.fineLabel})`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="hint">
        <span style={{ color: '#8b7bff' }}>you</span> · <span style={{ color: '#ff7eb6' }}>{characterName}</span>
      </figcaption>
    </figure>
  )
}
