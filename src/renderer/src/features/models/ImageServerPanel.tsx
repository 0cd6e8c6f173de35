import { useEffect, useState } from 'react'
import type { AppSettings } from '../../../../shared/contract'
import { api } from '../../api'
import { useAction } from '../../components/useAction'

/** Optional: the user's own local Stable Diffusion server for avatar pictures. Off unless set here. */
export function ImageServerPanel(): React.JSX.Element {
  const [server, setServer] = useState<AppSettings['imageServer']>(null)
  const [url, setUrl] = useState('')
  const [kind, setKind] = useState<'a1111' | 'comfyui'>('a1111')
  const [saved, setSaved] = useState<string | null>(null)
  const action = useAction()
  const { fail } = action
  const message = action.error ?? saved
  useEffect(() => {
    api.settings.get({}).then((s) => {
      setServer(s.imageServer)
      setUrl(s.imageServer?.baseUrl ?? '')
      setKind(s.imageServer?.kind ?? 'a1111')
    }, fail)
  }, [fail])
  const save = (next: AppSettings['imageServer']): Promise<boolean> =>
    action.run(async () => {
      setServer((await api.settings.update({ imageServer: next })).imageServer)
      setSaved(next ? 'Saved.' : 'Turned off.')
    })
  return (
    <div className="card">
      <h3>Avatar pictures from your Stable Diffusion (optional)</h3>
      <p className="hint">
        If you run AUTOMATIC1111/Forge (with --api) or ComfyUI on this computer, characters can get a generated picture.{' '}
        {server ? 'On.' : 'Off.'}
      </p>
      <div className="row">
        <input placeholder="http://127.0.0.1:7860" value={url} onChange={(e) => setUrl(e.target.value)} />
        <select
          aria-label="Image server kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as 'a1111' | 'comfyui')}
        >
          <option value="a1111">AUTOMATIC1111 / Forge</option>
          <option value="comfyui">ComfyUI</option>
        </select>
        <button disabled={!url.trim()} onClick={() => void save({ baseUrl: url.trim(), kind })}>
          Save
        </button>
        {server && (
          <button className="ghost" onClick={() => void save(null)}>
            Turn off
          </button>
        )}
      </div>
      {message && <span className="hint">{message}</span>}
    </div>
  )
}
