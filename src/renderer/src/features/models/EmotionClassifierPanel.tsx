import { useEffect, useState } from 'react'
import type { EmotionClassifierChoice } from '../../../../shared/domain'
import { api, errorMessage } from '../../api'

const TRADE_OFF: Record<EmotionClassifierChoice, string> = {
  builtin: 'The bundled classifier reads every message in about a millisecond, even with no model loaded.',
  'chat-model':
    'The loaded model re-reads each message after the reply (slower, but it can catch context and sarcasm); the bundled reading is used until then, and whenever no model is loaded.'
}

/** Which classifier reads the moods shown on avatars, in the timeline and in the prompt's tone line. */
export function EmotionClassifierPanel(): React.JSX.Element {
  const [choice, setChoice] = useState<EmotionClassifierChoice | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    api.settings.get({}).then((s) => setChoice(s.emotionClassifier), (e: unknown) => setMessage(errorMessage(e)))
  }, [])
  const change = async (next: EmotionClassifierChoice): Promise<void> => {
    setMessage(null)
    try {
      setChoice((await api.settings.update({ emotionClassifier: next })).emotionClassifier)
    } catch (e) {
      setMessage(errorMessage(e))
    }
  }
  return (
    <div className="card">
      <h3>Emotion reading</h3>
      <div className="row">
        <select data-testid="emotion-classifier" aria-label="Emotion reading" value={choice ?? 'builtin'} disabled={choice === null} onChange={(e) => void change(e.target.value as EmotionClassifierChoice)}>
          <option value="builtin">Built-in classifier (fast)</option>
          <option value="chat-model">Chat model (slower, reads context)</option>
        </select>
      </div>
      <p className="hint">{TRADE_OFF[choice ?? 'builtin']}</p>
      {message && <span className="hint">{message}</span>}
    </div>
  )
}
