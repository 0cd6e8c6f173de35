import { ErrorNotice } from '../../components/ErrorNotice'
import { useVoiceSettings } from './useVoiceSettings'
import { VoicePicker } from './VoicePicker'

/** How replies are read aloud: what happens to *actions* and ((OOC)), and how much the mood colours the voice. */
export function VoiceSettingsPanel(): React.JSX.Element {
  const { settings, update, error } = useVoiceSettings()
  return (
    <div className="card" data-testid="voice-settings">
      <h3>Reading replies aloud</h3>
      <label className="inline">
        *Actions* and ((out of character)) text
        <select
          data-testid="voice-asides"
          value={settings.asides}
          onChange={(e) => void update({ asides: e.target.value === 'narrate' ? 'narrate' : 'skip' })}
        >
          <option value="skip">are skipped</option>
          <option value="narrate">are read by a narrator voice</option>
        </select>
      </label>
      {settings.asides === 'narrate' && (
        <VoicePicker
          testIdPrefix="narrator"
          value={settings.narratorVoice}
          sample="She smiles and waves."
          onChange={(narratorVoice) => void update({ narratorVoice })}
        />
      )}
      <label className="inline">
        Mood in the voice {settings.emotionStrength === 0 ? 'off' : `${Math.round(settings.emotionStrength * 100)}%`}
        <input
          type="range"
          data-testid="voice-emotion-strength"
          min={0}
          max={1}
          step={0.1}
          value={settings.emotionStrength}
          onChange={(e) => void update({ emotionStrength: Number(e.target.value) })}
        />
      </label>
      <p className="hint">
        A sad reply is read slower, lower and softer; an excited one faster and higher; an angry one louder. Within
        limits that keep the voice natural; at 0 the voice stays as set.
      </p>
      <ErrorNotice message={error} />
    </div>
  )
}
