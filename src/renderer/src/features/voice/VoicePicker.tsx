import { useMemo, useState } from 'react'
import type { CharacterVoice } from '../../../../shared/domain/voice'
import { useVoicePlayer, useVoiceState } from './VoiceContext'
import { languageOf, useSystemVoices } from './useSystemVoices'
import { readerVoice, utterancesFor } from './voiceReading'
import { NEUTRAL_PROSODY } from '../../../../shared/voice/prosodyFor'
import { NeuralVoiceFields } from './NeuralVoiceFields'

interface Props {
  value: CharacterVoice | null
  onChange: (voice: CharacterVoice | null) => void
  /** What Preview says (the character's greeting, say). */
  sample: string
  /** Distinguishes several pickers' previews (the character's, the narrator's). */
  testIdPrefix?: string
}

const DEFAULT_SAMPLE = 'Hello! This is how I sound.'
/** A preview says the first sentences only. */
const PREVIEW_PIECES = 2

/** Chooses a voice: the system default, a system voice (by language, then name) or a local neural voice model. */
export function VoicePicker({ value, onChange, sample, testIdPrefix = 'voice' }: Props): React.JSX.Element {
  const { voices, isLoading } = useSystemVoices()
  const player = useVoicePlayer()
  const state = useVoiceState()
  const previewKey = `preview:${testIdPrefix}`
  const speed = value?.speed ?? 1
  const chosenName = value?.kind === 'system' ? value.voiceName : null
  const chosen = voices.find((v) => v.name === chosenName)
  const [language, setLanguage] = useState<string>(() =>
    chosen ? languageOf(chosen) : (navigator.language.split('-')[0] ?? 'en')
  )
  const languages = useMemo(() => [...new Set(voices.map(languageOf))].sort(), [voices])
  const inLanguage = useMemo(() => voices.filter((v) => languageOf(v) === language), [voices, language])
  const names = useMemo(() => new Intl.DisplayNames([navigator.language], { type: 'language' }), [])
  // DisplayNames throws on a code that is not a language subtag.
  const nameOf = (code: string): string => (/^[a-z]{2,3}$/.test(code) ? (names.of(code) ?? code) : code)

  const preview = (): void => {
    if (state.speakingKey === previewKey) return player.stop()
    const reading = { character: readerVoice(value), narrator: null, prosody: () => ({ ...NEUTRAL_PROSODY }) }
    player.speak(previewKey, utterancesFor(sample.trim() || DEFAULT_SAMPLE, reading).slice(0, PREVIEW_PIECES))
  }

  return (
    <div className="voice-picker" data-testid={`${testIdPrefix}-picker`}>
      <label className="inline">
        Voice
        <select
          data-testid={`${testIdPrefix}-kind`}
          value={value?.kind ?? 'default'}
          onChange={(e) => {
            const kind = e.target.value
            if (kind === 'system') onChange({ kind: 'system', voiceName: inLanguage[0]?.name ?? '', speed })
            else if (kind === 'neural') onChange({ kind: 'neural', modelId: '', speakerId: 0, speed })
            else onChange(null)
          }}
        >
          <option value="default">Default system voice</option>
          <option value="system">A system voice</option>
          <option value="neural">A local voice model</option>
        </select>
      </label>
      {value?.kind === 'system' && (
        <>
          <label className="inline">
            Language
            <select
              data-testid={`${testIdPrefix}-language`}
              value={language}
              onChange={(e) => {
                setLanguage(e.target.value)
                const first = voices.find((v) => languageOf(v) === e.target.value)
                if (first) onChange({ ...value, voiceName: first.name })
              }}
            >
              {languages.map((code) => (
                <option key={code} value={code}>
                  {nameOf(code)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Name
            <select
              data-testid={`${testIdPrefix}-system`}
              value={value.voiceName}
              onChange={(e) => onChange({ ...value, voiceName: e.target.value })}
            >
              {!chosen && value.voiceName && (
                <option value={value.voiceName}>{value.voiceName} (not on this device)</option>
              )}
              {inLanguage.map((v) => (
                <option key={v.name} value={v.name}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {value?.kind === 'neural' && <NeuralVoiceFields value={value} onChange={onChange} testIdPrefix={testIdPrefix} />}
      {value !== null && (
        <label className="inline">
          Speed {speed.toFixed(2)}×
          <input
            type="range"
            data-testid={`${testIdPrefix}-speed`}
            min={0.5}
            max={2}
            step={0.05}
            value={speed}
            onChange={(e) => onChange({ ...value, speed: Number(e.target.value) })}
          />
        </label>
      )}
      <button className="ghost small" data-testid={`${testIdPrefix}-preview`} onClick={preview}>
        {state.speakingKey === previewKey ? '■ Stop' : '▶ Preview'}
      </button>
      <span className="hint" data-testid={`${testIdPrefix}-count`}>
        {isLoading
          ? 'Looking for system voices…'
          : voices.length === 0
            ? 'No system voices on this device (on Linux: install speech-dispatcher and espeak-ng).'
            : `${voices.length} system voices in ${languages.length} languages`}
      </span>
      {state.error && state.speakingKey === null && <span className="hint error-text">{state.error}</span>}
    </div>
  )
}
