import { EMOTIONS, type Emotion } from '../../../../shared/domain'
import type { SpeakerByEmotion } from '../../../../shared/voice/speakerFor'

interface Props {
  /** The voice's own speaker, used for every emotion left empty. */
  speakerId: number
  speakers: number
  value: SpeakerByEmotion | undefined
  onChange: (value: SpeakerByEmotion | undefined) => void
  testIdPrefix: string
}

/**
 * For a multi-speaker voice: which speaker reads replies of each emotion (e.g. a softer one for sadness). An empty
 * field keeps the voice's own speaker; the mapping follows the emotion-aware voice's strength (off: never used).
 */
export function EmotionSpeakerFields({ speakerId, speakers, value, onChange, testIdPrefix }: Props): React.JSX.Element {
  const set = (emotion: Emotion, text: string): void => {
    const next: SpeakerByEmotion = { ...value }
    if (text.trim() === '') delete next[emotion]
    else next[emotion] = Math.min(speakers - 1, Math.max(0, Math.round(Number(text) || 0)))
    onChange(Object.keys(next).length > 0 ? next : undefined)
  }
  return (
    <details className="emotion-speakers" data-testid={`${testIdPrefix}-emotion-speakers`}>
      <summary>Speaker per emotion</summary>
      <span className="hint">Empty: speaker {speakerId}. Used when the reply&apos;s emotion is detected.</span>
      {EMOTIONS.map((emotion) => (
        <label key={emotion} className="inline">
          {emotion}
          <input
            type="number"
            min={0}
            max={speakers - 1}
            step={1}
            placeholder={String(speakerId)}
            data-testid={`${testIdPrefix}-speaker-${emotion}`}
            value={value?.[emotion] ?? ''}
            onChange={(e) => set(emotion, e.target.value)}
          />
        </label>
      ))}
    </details>
  )
}
