import { useCallback, useEffect, useState } from 'react'
import type { GgufMetadata } from '../../../../shared/domain'
import { api, canResolveFilePaths, pathForFile } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { ProgressBar } from '../../components/ProgressBar'
import { formatBytes, formatCount } from './formatBytes'
import type { ModelState } from './useModelStatus'
import { SamplingPanel } from './SamplingPanel'
import { DownloadsPanel } from './DownloadsPanel'
import { LoraPanel } from './LoraPanel'
import { ImageServerPanel } from './ImageServerPanel'
import { EmbeddingModelPanel } from './EmbeddingModelPanel'
import { EmotionClassifierPanel } from './EmotionClassifierPanel'
import { ModelSettingsForm } from './ModelSettingsForm'
import { VoiceModelsPanel } from './VoiceModelsPanel'

interface LibraryView {
  models: GgufMetadata[]
  modelsDir: string
}

async function readLibrary(): Promise<LibraryView> {
  const [models, info] = await Promise.all([api.models.list({}), api.app.info({})])
  return { models, modelsDir: info.modelsDir }
}

/** Pick, inspect and load a GGUF: by path, by drag and drop (Electron), or from the models folder. */
export function ModelsView({ model }: { model: ModelState }): React.JSX.Element {
  const [path, setPath] = useState('')
  const [library, setLibrary] = useState<GgufMetadata[]>([])
  const [modelsDir, setModelsDir] = useState('')
  const [inspected, setInspected] = useState<GgufMetadata | null>(null)
  const { error, run, fail, dismiss, isBusy } = useAction()

  const show = useCallback(({ models, modelsDir }: LibraryView): void => {
    setLibrary(models)
    setModelsDir(modelsDir)
  }, [])
  const refresh = useCallback(async () => show(await readLibrary()), [show])
  // Stable: DownloadsPanel re-reads its lists whenever this changes, and this screen re-renders per load progress.
  const onDownloadFinished = useCallback(() => void refresh(), [refresh])

  useEffect(() => {
    // The screen may be left before the library is read; its answer then has nowhere to go.
    let isCurrent = true
    readLibrary().then(
      (view) => {
        if (isCurrent) show(view)
      },
      (e: unknown) => {
        if (isCurrent) fail(e)
      }
    )
    return () => {
      isCurrent = false
    }
  }, [show, fail])

  const [contextSize, setContextSize] = useState('')
  const load = (target: string): Promise<boolean> =>
    run(async () => {
      await api.models.load({ path: target.trim(), ...(contextSize ? { contextSize: Number(contextSize) } : {}) })
      await refresh()
    })
  const add = (): Promise<boolean> =>
    run(async () => {
      setInspected(await api.models.add({ path: path.trim() }))
      await refresh()
    })
  const inspect = (): Promise<boolean> => run(async () => setInspected(await api.models.inspect({ path: path.trim() })))

  const onDrop = (event: React.DragEvent): void => {
    event.preventDefault()
    const file = event.dataTransfer.files[0]
    const dropped = file ? pathForFile(file) : null
    if (dropped) {
      setPath(dropped)
      void load(dropped)
    } else fail('Drag and drop needs the desktop app; in the browser, paste the file path instead.')
  }

  // Only the desktop app can turn a picked file into a path; browsers hide it.
  const canPickFiles = canResolveFilePaths()
  const onPick = (file: File | undefined): void => {
    const picked = file ? pathForFile(file) : null
    if (picked) {
      setPath(picked)
      void load(picked)
    }
  }

  const status = model.status
  return (
    <section className="models-view" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h2>Models</h2>
      <div className="card" data-testid="model-status">
        {status?.state === 'loaded' && status.metadata ? (
          <p>
            Loaded <strong>{status.metadata.name ?? status.metadata.fileName}</strong> · context {status.contextSize}{' '}
            tokens · {status.gpu ? `GPU (${status.gpu})` : 'CPU'} · {status.threads}{' '}
            {status.threads === 1 ? 'thread' : 'threads'}
          </p>
        ) : status?.state === 'loading' ? (
          <p>Loading {status.path}…</p>
        ) : (
          <p>No model loaded yet. Pick a GGUF chat model to start chatting.</p>
        )}
        {model.progress !== null && <ProgressBar value={model.progress} label="Loading model" />}
        {status?.state === 'loaded' && (
          <button className="ghost" onClick={() => void run(async () => void (await api.models.unload({})))}>
            Unload
          </button>
        )}
      </div>

      <div className="card">
        <label htmlFor="model-path">GGUF file path</label>
        <div className="row">
          <input
            id="model-path"
            data-testid="model-path"
            placeholder="/path/to/model.gguf"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button className="ghost" disabled={isBusy || !path.trim()} onClick={() => void inspect()}>
            Inspect
          </button>
          <button
            className="ghost"
            data-testid="model-add"
            disabled={isBusy || !path.trim()}
            onClick={() => void add()}
          >
            Add to list
          </button>
          <button data-testid="model-load" disabled={isBusy || !path.trim()} onClick={() => void load(path)}>
            Load
          </button>
          {canPickFiles && (
            <label className="button ghost">
              Browse…
              <input type="file" accept=".gguf" hidden onChange={(e) => onPick(e.target.files?.[0])} />
            </label>
          )}
        </div>
        <p className="hint">Or drop a .gguf file here, or put it in {modelsDir || 'the models folder'}.</p>
        <label className="inline">
          Context size
          <select value={contextSize} onChange={(e) => setContextSize(e.target.value)} data-testid="context-size">
            <option value="">Auto (fits memory)</option>
            {[2048, 4096, 8192, 16384, 32768].map((n) => (
              <option key={n} value={n}>
                {n} tokens
              </option>
            ))}
          </select>
        </label>
        {inspected && <ModelFacts model={inspected} />}
        <ErrorNotice message={error} onDismiss={dismiss} />
      </div>

      <LoraPanel key={status?.path ?? 'none'} status={status} />
      <SamplingPanel />
      <DownloadsPanel onFinished={onDownloadFinished} modelsDir={modelsDir} />
      <EmbeddingModelPanel />
      <EmotionClassifierPanel />
      <VoiceModelsPanel />
      <ImageServerPanel />

      <h3>Your models</h3>
      {library.length === 0 && <p className="hint">No GGUF files there yet.</p>}
      <ul className="model-list">
        {library.map((item) => (
          <li key={item.path} className="card">
            <ModelFacts model={item} />
            <ModelSettingsForm path={item.path} />
            <button disabled={isBusy} onClick={() => void load(item.path)}>
              Load
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function ModelFacts({ model }: { model: GgufMetadata }): React.JSX.Element {
  return (
    <dl className="facts" data-testid="model-facts">
      <dt>Name</dt>
      <dd>{model.name ?? model.fileName}</dd>
      <dt>Architecture</dt>
      <dd>{model.architecture}</dd>
      <dt>Parameters</dt>
      <dd>{formatCount(model.parameterCount)}</dd>
      <dt>Quantisation</dt>
      <dd>{model.quantization ?? '—'}</dd>
      <dt>Size</dt>
      <dd>{formatBytes(model.fileSizeBytes)}</dd>
      <dt>Trained context</dt>
      <dd>{model.contextLength ?? '—'}</dd>
      <dt>Chat template</dt>
      <dd>{model.chatTemplate ? 'built in' : 'none (generic)'}</dd>
      <dt>Fits in memory</dt>
      <dd>{model.fitsInMemory === null ? 'unknown' : model.fitsInMemory ? 'yes' : 'no'}</dd>
    </dl>
  )
}
