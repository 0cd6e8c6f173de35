import { useEffect, useState } from 'react'
import type { ModelDownload, RecommendedModel } from '../../../../shared/domain'
import { api, onEvent } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { formatBytes } from './formatBytes'
import { DownloadItem } from './DownloadItem'
import { isInVoiceFolder } from './voiceRepoUri'

interface Props {
  onFinished: () => void
  /** The models folder: a download that turns out to be a voice model is shown in the voice models section. */
  modelsDir: string
}

/** Download a GGUF by link or hf: address, or one of the recommended companions, with progress and control. */
export function DownloadsPanel({ onFinished, modelsDir }: Props): React.JSX.Element {
  const [url, setUrl] = useState('')
  const [downloads, setDownloads] = useState<ModelDownload[]>([])
  const [recommended, setRecommended] = useState<RecommendedModel[]>([])
  const action = useAction()
  const { fail } = action

  useEffect(() => {
    api.models.downloads({}).then(setDownloads, fail)
    api.models.recommended({}).then(setRecommended, fail)
    return onEvent('models.download', (download) => {
      setDownloads((list) => [download, ...list.filter((d) => d.id !== download.id)])
      if (download.state === 'done') onFinished()
    })
  }, [onFinished, fail])

  const download = (uri: string): void => void act(() => api.models.download({ url: uri }))
  const act = (job: () => Promise<ModelDownload>): Promise<boolean> =>
    action.run(async () => {
      const download = await job()
      setDownloads((list) => [download, ...list.filter((d) => d.id !== download.id)])
    })

  return (
    <div className="card">
      <h3>Download a model</h3>
      <div className="row">
        <input
          data-testid="download-url"
          placeholder="hf:user/repo:Q4_K_M, hf:user/onnx-model, hf:user/repo/file.gguf or https://…/model.gguf"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button
          data-testid="download-start"
          disabled={!url.trim()}
          onClick={() => void act(() => api.models.download({ url: url.trim() }))}
        >
          Download
        </button>
      </div>
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
      <ul className="downloads">
        {downloads
          .filter((d) => !isInVoiceFolder(d.path, modelsDir))
          .map((d) => (
            <DownloadItem key={d.id} download={d} act={(job) => void act(job)} />
          ))}
      </ul>
      <h4>Recommended for companions</h4>
      <RecommendedList models={recommended.filter((m) => m.job === 'chat')} onDownload={download} />
      <h4>Stronger emotion and memory models (ONNX)</h4>
      <p className="hint">
        Downloaded as a folder into your models folder; then choose it under Emotion reading or Memory embedding model.
      </p>
      <RecommendedList models={recommended.filter((m) => m.job !== 'chat')} onDownload={download} />
    </div>
  )
}

const JOB_LABEL: Record<RecommendedModel['job'], string> = { chat: '', emotion: 'emotion · ', embeddings: 'memory · ' }

function RecommendedList(props: { models: RecommendedModel[]; onDownload: (uri: string) => void }): React.JSX.Element {
  return (
    <ul className="recommended">
      {props.models.map((m) => (
        <li key={m.uri}>
          <div>
            <strong>{m.name}</strong>{' '}
            <span className="hint">
              {JOB_LABEL[m.job]}
              {formatBytes(m.sizeBytes)} · needs ~{formatBytes(m.ramBytes)} RAM · {m.licence}
            </span>
            <div className="hint">{m.notes}</div>
          </div>
          <button className="ghost small" onClick={() => props.onDownload(m.uri)}>
            Download
          </button>
        </li>
      ))}
    </ul>
  )
}
