import { useEffect, useState } from 'react'
import { api, errorMessage, onEvent } from '../../api'
import { ProgressBar } from '../../components/ProgressBar'

/** Memory's embedding model: the bundled one, or a GGUF embedding model; switching re-embeds every memory. */
export function EmbeddingModelPanel(): React.JSX.Element {
  const [current, setCurrent] = useState<string | null>(null)
  const [path, setPath] = useState('')
  const [progress, setProgress] = useState<number | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    api.settings.get({}).then(
      (s) => setCurrent(s.embeddingModelPath),
      (e: unknown) => setMessage(errorMessage(e))
    )
    return onEvent('memory.reindexProgress', ({ progress: value }) => setProgress(value))
  }, [])
  const use = async (next: string | null): Promise<void> => {
    setMessage(null)
    setProgress(0)
    try {
      const result = await api.memory.setEmbeddingModel({ path: next })
      setCurrent(next)
      setMessage(`Re-embedded ${result.count} memories.`)
    } catch (e) {
      setMessage(errorMessage(e))
    } finally {
      setProgress(null)
    }
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
