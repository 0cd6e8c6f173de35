import { useCallback, useEffect, useState } from 'react'
import { defaultVoiceSettings, type VoiceSettings } from '../../../../shared/domain/voice'
import { api } from '../../api'
import { useAction } from '../../components/useAction'

export interface VoiceSettingsState {
  settings: VoiceSettings
  /** Saves a change; the saved settings come back from the service. */
  update(patch: Partial<VoiceSettings>): Promise<void>
  error: string | null
}

/** The voice settings (app-wide, in the database), with the defaults until they are read. */
export function useVoiceSettings(): VoiceSettingsState {
  const [settings, setSettings] = useState<VoiceSettings>(defaultVoiceSettings)
  const { error, run, fail } = useAction()
  useEffect(() => {
    let isActive = true
    api.settings.get({}).then(
      (all) => isActive && setSettings(all.voice),
      (e: unknown) => isActive && fail(e)
    )
    return () => {
      isActive = false
    }
  }, [fail])
  const update = useCallback(
    async (patch: Partial<VoiceSettings>) => {
      setSettings((current) => ({ ...current, ...patch }))
      await run(async () => setSettings((await api.settings.update({ voice: patch })).voice))
    },
    [run]
  )
  return { settings, update, error }
}
