import { useCallback, useEffect, useState } from 'react'
import type { VoiceModel } from '../../../../shared/contract'
import type { ModelDownload } from '../../../../shared/domain'
import { api, onEvent } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { useVoiceSettings } from '../voice/useVoiceSettings'
import { DownloadItem } from './DownloadItem'
import { VoiceModelItem } from './VoiceModelItem'
import { isInVoiceFolder, voiceRepoUri } from './voiceRepoUri'

/**
 * Voices and speech recognisers in sherpa-onnx's layout, next to the chat models: added from a folder or downloaded
 * from a Hugging Face repository (with progress, pause, resume and cancel), listed with their kind and family, and
 * removed. The recogniser the microphone uses is chosen here; a character's voice in the character editor.
 */
export function VoiceModelsPanel(): React.JSX.Element {
  const [models, setModels] = useState<VoiceModel[] | null>(null)
  const [modelsDir, setModelsDir] = useState('')
  const [path, setPath] = useState('')
  const [repo, setRepo] = useState('')
  const [downloads, setDownloads] = useState<ModelDownload[]>([])
  const { error, run, fail, dismiss, isBusy } = useAction()
  const voiceSettings = useVoiceSettings()
  const { settings, update } = voiceSettings

  const refresh = useCallback(async () => setModels(await api.voice.models({})), [])

  useEffect(() => {
    // The screen may be left before the lists are read; their answers then have nowhere to go.
    let isCurrent = true
    Promise.all([api.voice.models({}), api.app.info({}), api.models.downloads({})]).then(
      ([listed, info, all]) => {
        if (!isCurrent) return
        setModels(listed)
        setModelsDir(info.modelsDir)
        setDownloads(all.filter((d) => isInVoiceFolder(d.path, info.modelsDir)))
      },
      (e: unknown) => isCurrent && fail(e)
    )
    return () => {
      isCurrent = false
    }
  }, [fail])

  useEffect(
    () =>
      onEvent('models.download', (download) => {
        // Only this panel's downloads: a voice repository resolves to the voice folder once the hub has answered.
        setDownloads((list) =>
          list.some((d) => d.id === download.id) || isInVoiceFolder(download.path, modelsDir)
            ? [download, ...list.filter((d) => d.id !== download.id)]
            : list
        )
        if (download.state === 'done' && isInVoiceFolder(download.path, modelsDir)) refresh().catch(fail)
      }),
    [modelsDir, refresh, fail]
  )

  const show = (download: ModelDownload): void =>
    setDownloads((list) => [download, ...list.filter((d) => d.id !== download.id)])
  const add = (): Promise<boolean> =>
    run(async () => {
      await api.voice.addModel({ path: path.trim() })
      setPath('')
      await refresh()
    })
  const download = (): Promise<boolean> =>
    run(async () => {
      const uri = voiceRepoUri(repo)
      if (!uri)
        throw new Error('Give a Hugging Face repository as user/repo, e.g. csukuangfj/vits-piper-en_US-amy-low.')
      show(await api.models.download({ url: uri }))
      setRepo('')
    })
  const remove = (model: VoiceModel): Promise<boolean> =>
    run(async () => {
      await api.voice.removeModel({ id: model.id })
      if (settings.sttModelId === model.id) await update({ sttModelId: null })
      await refresh()
    })

  const recognisers = models?.filter((m) => m.kind === 'stt') ?? []
  // A choice that is no longer installed falls back, as the service does, to the first recogniser.
  const speechInputId = recognisers.find((m) => m.id === settings.sttModelId)?.id ?? recognisers[0]?.id ?? null

  return (
    <div className="card" data-testid="voice-models">
      <h3>Voice models</h3>
      <p className="hint">
        Voices (Piper, Kokoro, Matcha, VITS) read replies aloud; recognisers (Whisper, SenseVoice, Moonshine, CTC) turn
        your speech into text. Both run on this computer, in sherpa-onnx's folder layout.
      </p>
      <label htmlFor="voice-model-path">Add a model folder</label>
      <div className="row">
        <input
          id="voice-model-path"
          data-testid="voice-model-path"
          placeholder="/path/to/vits-piper-en_US-amy-low"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button data-testid="voice-model-add" disabled={isBusy || !path.trim()} onClick={() => void add()}>
          Add
        </button>
      </div>
      <label htmlFor="voice-model-repo">Download from Hugging Face</label>
      <div className="row">
        <input
          id="voice-model-repo"
          data-testid="voice-model-repo"
          placeholder="csukuangfj/vits-piper-en_US-amy-low"
          value={repo}
          onChange={(e) => setRepo(e.target.value)}
        />
        <button data-testid="voice-model-download" disabled={isBusy || !repo.trim()} onClick={() => void download()}>
          Download
        </button>
      </div>
      <ErrorNotice message={error ?? voiceSettings.error} onDismiss={dismiss} />
      <ul className="downloads" data-testid="voice-downloads">
        {downloads.map((d) => (
          <DownloadItem key={d.id} download={d} act={(job) => void run(async () => show(await job()))} />
        ))}
      </ul>
      {models === null ? (
        <p className="hint">Looking for voice models…</p>
      ) : models.length === 0 ? (
        <p className="hint" data-testid="voice-models-empty">
          No voice models yet.
        </p>
      ) : (
        <ul className="model-list" data-testid="voice-model-list">
          {models.map((model) => (
            <VoiceModelItem
              key={model.id}
              model={model}
              isSpeechInput={model.id === speechInputId}
              isInAppFolder={isInVoiceFolder(model.path, modelsDir)}
              isBusy={isBusy}
              onUseForSpeechInput={() => void run(() => update({ sttModelId: model.id }))}
              onRemove={() => void remove(model)}
            />
          ))}
        </ul>
      )}
    </div>
  )
}
