import { useEffect, useState } from 'react'
import type { EmotionClassifierChoice } from '../../../../shared/domain'
import { api } from '../../api'
import { useAction } from '../../components/useAction'

const TRADE_OFF: Record<EmotionClassifierChoice, string> = {
  builtin: 'The bundled classifier reads every message in about a millisecond, even with no model loaded.',
  'chat-model':
    'The loaded model re-reads each message after the reply (slower, but it can catch context and sarcasm); the bundled reading is used until then, and whenever no model is loaded.',
  onnx: 'An ONNX emotion model (e.g. a RoBERTa trained on GoEmotions) reads each new message right after it is written, off the chat thread; messages already read keep their moods.'
}

/** Which classifier reads the moods shown on avatars, in the timeline and in the prompt's tone line. */
export function EmotionClassifierPanel(): React.JSX.Element {
  const [choice, setChoice] = useState<EmotionClassifierChoice | null>(null)
  const [modelPath, setModelPath] = useState<string | null>(null)
  const [path, setPath] = useState('')
  const [isLoading, setIsLoading] = useState(false)
  const [loaded, setLoaded] = useState<string | null>(null)
  const action = useAction()
  const { fail } = action
  const message = action.error ?? loaded
  useEffect(() => {
    api.settings.get({}).then((s) => {
      setChoice(s.emotionClassifier)
      setModelPath(s.emotionModelPath)
    }, fail)
  }, [fail])
  const change = async (next: EmotionClassifierChoice): Promise<void> => {
    setLoaded(null)
    action.dismiss()
    // The ONNX choice takes effect once a model folder loads.
    if (next === 'onnx' && !modelPath) return setChoice('onnx')
    await action.run(async () => setChoice((await api.settings.update({ emotionClassifier: next })).emotionClassifier))
  }
  const chooseModel = async (next: string | null): Promise<void> => {
    setLoaded(null)
    setIsLoading(true)
    await action.run(async () => {
      const result = await api.models.setEmotionModel({ path: next })
      setModelPath(next)
      setChoice(next ? 'onnx' : 'builtin')
      setLoaded(next ? `Loaded ${result.modelId} (${result.labels.length} labels).` : null)
    })
    setIsLoading(false)
  }
  return (
    <div className="card">
      <h3>Emotion reading</h3>
      <div className="row">
        <select
          data-testid="emotion-classifier"
          aria-label="Emotion reading"
          value={choice ?? 'builtin'}
          disabled={choice === null}
          onChange={(e) => void change(e.target.value as EmotionClassifierChoice)}
        >
          <option value="builtin">Built-in classifier (fast)</option>
          <option value="chat-model">Chat model (slower, reads context)</option>
          <option value="onnx">ONNX emotion model</option>
        </select>
      </div>
      <p className="hint">{TRADE_OFF[choice ?? 'builtin']}</p>
      {choice === 'onnx' && (
        <div className="row">
          <input
            data-testid="emotion-model-path"
            aria-label="ONNX emotion model folder"
            placeholder={modelPath ?? '/path/to/roberta-base-go_emotions (folder with config.json and onnx/)'}
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button disabled={!path.trim() || isLoading} onClick={() => void chooseModel(path.trim())}>
            Use
          </button>
          {modelPath && (
            <button className="ghost" disabled={isLoading} onClick={() => void chooseModel(null)}>
              Remove
            </button>
          )}
        </div>
      )}
      {message && (
        <span className="hint" data-testid="emotion-model-message">
          {message}
        </span>
      )}
    </div>
  )
}
