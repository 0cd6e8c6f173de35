import { useEffect, useState } from 'react'
import { CHAT_TEMPLATES, type ChatTemplateName, type ModelSettings } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'

/** Context size, GPU layers, chat template and sampling overrides kept for one model file. */
export function ModelSettingsForm({ path }: { path: string }): React.JSX.Element {
  const [settings, setSettings] = useState<ModelSettings | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const action = useAction()
  const { fail } = action
  const message = action.error ?? saved
  useEffect(() => {
    api.models.getSettings({ path }).then(setSettings, fail)
  }, [path, fail])
  if (!settings) return <span className="hint">{message}</span>
  const save = (patch: Partial<ModelSettings>): Promise<boolean> =>
    action.run(async () => {
      setSettings(await api.models.updateSettings({ path, settings: patch }))
      setSaved('Saved; applies the next time this model loads.')
    })
  return (
    <div className="model-settings" data-testid="model-settings">
      <label className="inline">
        Context
        <select
          value={settings.contextSize ?? ''}
          onChange={(e) => void save({ contextSize: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">Auto</option>
          {[2048, 4096, 8192, 16384, 32768].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        GPU layers
        <input
          style={{ width: 80 }}
          value={String(settings.gpuLayers)}
          onChange={(e) =>
            setSettings({
              ...settings,
              gpuLayers: e.target.value === 'auto' || e.target.value === '' ? 'auto' : Number(e.target.value) || 0
            })
          }
          onBlur={() => void save({ gpuLayers: settings.gpuLayers })}
        />
      </label>
      <label className="inline">
        Chat template
        <select
          value={settings.chatTemplate}
          onChange={(e) => void save({ chatTemplate: e.target.value as ChatTemplateName })}
        >
          {CHAT_TEMPLATES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <span className="hint">
        Sampling for this model:{' '}
        {Object.entries(settings.sampling)
          .map(([key, value]) => `${key} ${String(value)}`)
          .join(', ') || 'app-wide'}
      </span>
      {message && <span className="hint">{message}</span>}
    </div>
  )
}
