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

const USER_COLOR = '#8b7bff'
/** One colour per speaker, in member order; light enough to read on the dark panel (WCAG AA). */
export const SPEAKER_COLORS = ['#ff7eb6', '#4fd1c5', '#f6ad55', '#9ae6b4', '#fbd38d', '#90cdf4'] as const

export interface TimelineSpeaker {
  id: string
  name: string
}

interface Props {
  messages: Message[]
  /** The characters with a line of their own: one in a one-to-one chat, each member in a group. */
  speakers: readonly TimelineSpeaker[]
  /** Which speaker wrote a reply (null: none of them, e.g. a member since removed; its point is left out). */
  speakerOf: (message: Message) => string | null
}

/** How the user's and each character's tone moved through the chat: one line for the user, one per character. */
export function MoodTimeline({ messages, speakers, speakerOf }: Props): React.JSX.Element | null {
  const points = messages.flatMap((m) => {
    if (!m.emotion || m.role === 'system') return []
    const key = m.role === 'user' ? 'user' : speakerOf(m)
    return key && (key === 'user' || speakers.some((s) => s.id === key)) ? [{ m, key, label: m.emotion }] : []
  })
  if (points.length < 2) return null
  const width = 260
  const height = 60
  const x = (i: number): number => (i / (points.length - 1)) * (width - 10) + 5
  const y = (label: Emotion): number => height / 2 - VALENCE[label] * (height / 2 - 6)
  const colorOf = (key: string): string =>
    key === 'user' ? USER_COLOR : SPEAKER_COLORS[speakers.findIndex((s) => s.id === key) % SPEAKER_COLORS.length]!
  const nameOf = (key: string): string => (key === 'user' ? 'You' : (speakers.find((s) => s.id === key)?.name ?? ''))
  const lines = [{ id: 'user', name: 'you' }, ...speakers].map((speaker) => ({
    key: speaker.id,
    name: speaker.name,
    points: points
      .map((p, i) => ({ ...p, i }))
      .filter((p) => p.key === speaker.id)
      .map((p) => `${x(p.i).toFixed(1)},${y(p.label.label).toFixed(1)}`)
      .join(' ')
  }))
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
        {lines.map((line) => (
          <polyline
            key={line.key}
            data-testid="mood-line"
            data-speaker={line.key}
            points={line.points}
            fill="none"
            stroke={colorOf(line.key)}
            strokeWidth={2}
          />
        ))}
        {points.map((p, i) => (
          <circle key={p.m.id} cx={x(i)} cy={y(p.label.label)} r={3} fill={colorOf(p.key)}>
            <title>{`${nameOf(p.key)}: ${p.label.label} (${p.label.fineLabel})`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="hint">
        {lines.map((line, i) => (
          <span key={line.key}>
            {i > 0 && ' · '}
            <span style={{ color: colorOf(line.key) }}>{line.name}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
