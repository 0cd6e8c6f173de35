import { useEffect, useState } from 'react'
import { api, onEvent } from '../../api'
import { useAction } from '../../components/useAction'
import { ProgressBar } from '../../components/ProgressBar'

/** Memory's embedding model: the bundled one, or a GGUF embedding model; switching re-embeds every memory. */
export function EmbeddingModelPanel(): React.JSX.Element {
  const [current, setCurrent] = useState<string | null>(null)
  const [path, setPath] = useState('')
  const [progress, setProgress] = useState<number | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const action = useAction()
  const { fail } = action
  const message = action.error ?? done
  useEffect(() => {
    api.settings.get({}).then((s) => setCurrent(s.embeddingModelPath), fail)
    return onEvent('memory.reindexProgress', ({ progress: value }) => setProgress(value))
  }, [fail])
  const use = async (next: string | null): Promise<void> => {
    setDone(null)
    setProgress(0)
    await action.run(async () => {
      const result = await api.memory.setEmbeddingModel({ path: next })
      setCurrent(next)
      setDone(`Re-embedded ${result.count} memories.`)
    })
    setProgress(null)
  }
  return (
    <div className="card">
      <h3>Memory embedding model</h3>
      <p className="hint">
        Now: {current ?? 'bundled potion-base-2M (fast, English)'}. A GGUF embedding model (e.g. nomic-embed, bge, e5,
        Qwen3-Embedding) or an ONNX model folder (e.g. all-MiniLM-L6-v2, bge-small, e5, gte, jina) can recall better;
        its pooling and its query and passage prefixes are applied for you.
      </p>
      <div className="row">
        <input
          placeholder="/path/to/embedding-model.gguf or an ONNX model folder"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button disabled={!path.trim() || progress !== null} onClick={() => void use(path.trim())}>
          Use
        </button>
        {current && (
          <button className="ghost" disabled={progress !== null} onClick={() => void use(null)}>
            Use bundled
          </button>
        )}
      </div>
      {progress !== null && <ProgressBar value={progress} label="Re-embedding memories" />}
      {message && <span className="hint">{message}</span>}
    </div>
  )
}
