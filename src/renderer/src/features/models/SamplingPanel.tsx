import { useEffect, useState } from 'react'
import type { SamplingSettings } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'
import { ErrorNotice } from '../../components/ErrorNotice'

interface Knob {
  key: keyof SamplingSettings
  label: string
  min: number
  max: number
  step: number
}

const KNOBS: Knob[] = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.05 },
  { key: 'topP', label: 'Top-p', min: 0, max: 1, step: 0.01 },
  { key: 'minP', label: 'Min-p', min: 0, max: 1, step: 0.01 },
  { key: 'topK', label: 'Top-k', min: 0, max: 200, step: 1 },
  { key: 'repeatPenalty', label: 'Repeat penalty', min: 1, max: 2, step: 0.01 },
  { key: 'presencePenalty', label: 'Presence penalty', min: 0, max: 2, step: 0.05 },
  { key: 'frequencyPenalty', label: 'Frequency penalty', min: 0, max: 2, step: 0.05 },
  { key: 'dryMultiplier', label: 'DRY multiplier (0 = off)', min: 0, max: 2, step: 0.05 },
  { key: 'xtcProbability', label: 'XTC probability (0 = off)', min: 0, max: 1, step: 0.05 },
  { key: 'maxTokens', label: 'Max reply tokens', min: 16, max: 4096, step: 16 }
]

/** The sampling settings users of local LLM apps expect, saved as they change. */
export function SamplingPanel(): React.JSX.Element {
  const [sampling, setSampling] = useState<SamplingSettings | null>(null)
  const { error, fail, dismiss } = useAction()

  useEffect(() => {
    api.settings.get({}).then((s) => setSampling(s.sampling), fail)
  }, [fail])

  const change = (key: keyof SamplingSettings, value: number): void => {
    if (!sampling) return
    setSampling({ ...sampling, [key]: value })
    api.settings.update({ sampling: { [key]: value } }).catch(fail)
  }

  if (!sampling) return <ErrorNotice message={error} />
  return (
    <div className="card">
      <h3>Sampling</h3>
      <div className="knobs">
        {KNOBS.map((knob) => (
          <label key={knob.key} className="knob">
            <span>
              {knob.label} <strong>{String(sampling[knob.key])}</strong>
            </span>
            <input
              type="range"
              min={knob.min}
              max={knob.max}
              step={knob.step}
              value={Number(sampling[knob.key])}
              onChange={(e) => change(knob.key, Number(e.target.value))}
            />
          </label>
        ))}
      </div>
      <ErrorNotice message={error} onDismiss={dismiss} />
    </div>
  )
}
