import type { CharacterVoice } from '../../../../shared/domain/voice'

type NeuralVoice = Extract<CharacterVoice, { kind: 'neural' }>

interface Props {
  value: NeuralVoice
  onChange: (voice: CharacterVoice) => void
  testIdPrefix: string
}

/** A local voice model (added on the Models screen) and, for a model with several speakers, which one. */
export function NeuralVoiceFields({ value, onChange, testIdPrefix }: Props): React.JSX.Element {
  return (
    <>
      <label className="inline">
        Model
        <input
          data-testid={`${testIdPrefix}-model`}
          value={value.modelId}
          placeholder="voice model id"
          onChange={(e) => onChange({ ...value, modelId: e.target.value })}
        />
      </label>
      <label className="inline">
        Speaker
        <input
          type="number"
          min={0}
          step={1}
          data-testid={`${testIdPrefix}-speaker`}
          value={value.speakerId}
          onChange={(e) => onChange({ ...value, speakerId: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
        />
      </label>
    </>
  )
}
