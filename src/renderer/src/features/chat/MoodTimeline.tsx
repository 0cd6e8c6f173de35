import type { SpeakerMood } from '../../../../shared/contract'
import { useChatMoods } from './useChatMoods'

const USER_COLOR = '#8b7bff'
/** One colour per speaker, in member order; light enough to read on the dark panel (WCAG AA). */
export const SPEAKER_COLORS = ['#ff7eb6', '#4fd1c5', '#f6ad55', '#9ae6b4', '#fbd38d', '#90cdf4'] as const
/** Slices of the chat the timeline asks for: about one per 4 px of its width. */
const POINTS = 60

export interface TimelineSpeaker {
  id: string
  name: string
}

interface Props {
  /** The chat shown; its whole history is plotted, whatever part of it is loaded. */
  chatId: string | null
  /** The characters with a line of their own: one in a one-to-one chat, each member in a group. */
  speakers: readonly TimelineSpeaker[]
}

const WIDTH = 260
const HEIGHT = 60

/**
 * How the user's and each character's tone moved through the whole chat: one line for the user, one per character,
 * each point a slice of the chat (its average mood there). Speakers no longer in the chat (a member since removed)
 * are left out.
 */
export function MoodTimeline({ chatId, speakers }: Props): React.JSX.Element | null {
  const moods = useChatMoods(chatId, POINTS)
  if (!moods) return null
  const isShown = (speaker: string): boolean => speaker === 'user' || speakers.some((s) => s.id === speaker)
  const points = moods.buckets.flatMap((bucket) =>
    bucket.moods.filter((mood) => isShown(mood.speaker)).map((mood) => ({ index: bucket.index, mood }))
  )
  if (points.length < 2) return null
  const x = (index: number): number =>
    moods.bucketCount > 1 ? (index / (moods.bucketCount - 1)) * (WIDTH - 10) + 5 : WIDTH / 2
  const y = (valence: number): number => HEIGHT / 2 - valence * (HEIGHT / 2 - 6)
  const colorOf = (key: string): string =>
    key === 'user' ? USER_COLOR : SPEAKER_COLORS[speakers.findIndex((s) => s.id === key) % SPEAKER_COLORS.length]!
  const nameOf = (key: string): string => (key === 'user' ? 'You' : (speakers.find((s) => s.id === key)?.name ?? ''))
  const lines = [{ id: 'user', name: 'you' }, ...speakers].map((speaker) => ({
    key: speaker.id,
    name: speaker.name,
    points: points
      .filter((p) => p.mood.speaker === speaker.id)
      .map((p) => `${x(p.index).toFixed(1)},${y(p.mood.valence).toFixed(1)}`)
      .join(' ')
  }))
  return (
    <figure className="mood-timeline" data-testid="mood-timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="none"
        role="img"
        aria-label="Mood over the whole chat"
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} stroke="#3a3452" />
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
        {points.map((p) => (
          <circle
            key={`${p.index}/${p.mood.speaker}`}
            data-testid="mood-point"
            cx={x(p.index)}
            cy={y(p.mood.valence)}
            r={3}
            fill={colorOf(p.mood.speaker)}
          >
            <title>{describe(nameOf(p.mood.speaker), p.mood)}</title>
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

/** A point's tooltip: what most of the speaker's messages there felt like (its height is their average). */
function describe(name: string, mood: SpeakerMood): string {
  return `${name}: mostly ${mood.emotion} (${mood.readings === 1 ? '1 message' : `${mood.readings} messages`})`
}
