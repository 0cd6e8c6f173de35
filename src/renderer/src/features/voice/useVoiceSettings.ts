import { useCallback, useEffect, useState } from 'react'
import { defaultVoiceSettings, type VoiceSettings } from '../../../../shared/domain/voice'
import { api, errorMessage } from '../../api'

export interface VoiceSettingsState {
  settings: VoiceSettings
  /** Saves a change; the saved settings come back from the service. */
  update(patch: Partial<VoiceSettings>): Promise<void>
  error: string | null
}

/** The voice settings (app-wide, in the database), with the defaults until they are read. */
export function useVoiceSettings(): VoiceSettingsState {
  const [settings, setSettings] = useState<VoiceSettings>(defaultVoiceSettings)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let isActive = true
    api.settings.get({}).then(
      (all) => isActive && setSettings(all.voice),
      (e: unknown) => isActive && setError(errorMessage(e))
    )
    return () => {
      isActive = false
    }
  }, [])
  const update = useCallback(async (patch: Partial<VoiceSettings>) => {
    setSettings((current) => ({ ...current, ...patch }))
    try {
      setSettings((await api.settings.update({ voice: patch })).voice)
      setError(null)
    } catch (e) {
      setError(errorMessage(e))
    }
  }, [])
  return { settings, update, error }
}
