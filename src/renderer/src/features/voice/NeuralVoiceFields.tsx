import { useEffect, useState } from 'react'
import type { CharacterVoice } from '../../../../shared/domain'
import type { VoiceModel } from '../../../../shared/contract'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { EmotionSpeakerFields } from './EmotionSpeakerFields'

type NeuralVoice = Extract<CharacterVoice, { kind: 'neural' }>

interface Props {
  value: NeuralVoice
  onChange: (voice: CharacterVoice) => void
  testIdPrefix: string
}

/** A local voice model (added on the Models screen) and, for a model with several speakers, which one. */
export function NeuralVoiceFields({ value, onChange, testIdPrefix }: Props): React.JSX.Element {
  const [voices, setVoices] = useState<VoiceModel[] | null>(null)
  const { error, fail } = useAction()
  useEffect(() => {
    let isActive = true
    api.voice.models({}).then(
      (models) => isActive && setVoices(models.filter((m) => m.kind === 'tts')),
      (e: unknown) => isActive && fail(e)
    )
    return () => {
      isActive = false
    }
  }, [fail])
  const chosen = voices?.find((m) => m.id === value.modelId)
  // A new choice of kind starts with no model: take the first one there is.
  const first = voices?.[0]
  useEffect(() => {
    if (!value.modelId && first) onChange({ ...value, modelId: first.id, speakerId: 0 })
  }, [value, first, onChange])

  if (error) return <span className="hint error-text">{error}</span>
  if (voices === null) return <span className="hint">Looking for voice models…</span>
  if (voices.length === 0)
    return (
      <span className="hint" data-testid={`${testIdPrefix}-no-models`}>
        No voice models yet: add a Piper, Kokoro, Matcha or VITS voice on the Models screen.
      </span>
    )
  return (
    <>
      <label className="inline">
        Model
        <select
          data-testid={`${testIdPrefix}-model`}
          value={value.modelId}
          // Another model's speakers are other voices: the per-emotion choices are dropped with the model.
          onChange={(e) => onChange({ ...value, modelId: e.target.value, speakerId: 0, speakerByEmotion: undefined })}
        >
          {!chosen && value.modelId && <option value={value.modelId}>{value.modelId} (missing)</option>}
          {voices.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.engine}
              {m.language ? `, ${m.language}` : ''})
            </option>
          ))}
        </select>
      </label>
      {chosen && chosen.speakers > 1 && (
        <label className="inline">
          Speaker
          <input
            type="number"
            min={0}
            max={chosen.speakers - 1}
            step={1}
            data-testid={`${testIdPrefix}-speaker`}
            value={value.speakerId}
            onChange={(e) =>
              onChange({
                ...value,
                speakerId: Math.min(chosen.speakers - 1, Math.max(0, Math.round(Number(e.target.value) || 0)))
              })
            }
          />
        </label>
      )}
      {chosen && chosen.speakers > 1 && (
        <EmotionSpeakerFields
          speakerId={value.speakerId}
          speakers={chosen.speakers}
          value={value.speakerByEmotion}
          onChange={(speakerByEmotion) => onChange({ ...value, speakerByEmotion })}
          testIdPrefix={testIdPrefix}
        />
      )}
      {chosen && <span className="hint">Licence: {chosen.licence}</span>}
    </>
  )
}
