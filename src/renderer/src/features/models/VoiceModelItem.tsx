import type { VoiceEngine, VoiceModel } from '../../../../shared/contract'
import { formatBytes } from './formatBytes'

/** How a family is written for people; a family added later shows its own id until it has a name here. */
const ENGINE_NAMES: Partial<Record<VoiceEngine, string>> = {
  piper: 'Piper',
  vits: 'VITS',
  kokoro: 'Kokoro',
  matcha: 'Matcha',
  whisper: 'Whisper',
  sensevoice: 'SenseVoice',
  moonshine: 'Moonshine',
  'zipformer-ctc': 'Zipformer CTC',
  'nemo-ctc': 'NeMo CTC'
}

export const engineName = (engine: VoiceEngine): string => ENGINE_NAMES[engine] ?? engine

interface Props {
  model: VoiceModel
  /** This recogniser is the one the microphone and calls use. */
  isSpeechInput: boolean
  /** Downloads live in the app's voice folder: they are removed by deleting the folder, not from the list. */
  isInAppFolder: boolean
  isBusy: boolean
  onUseForSpeechInput: () => void
  onRemove: () => void
}

/** One voice or recogniser: what it is (kind and layout), what it needs to be checked for, and what can be done. */
export function VoiceModelItem(props: Props): React.JSX.Element {
  const { model } = props
  const kindLabel = model.kind === 'tts' ? 'Voice (text to speech)' : 'Recogniser (speech to text)'
  return (
    <li className="card voice-model" data-testid="voice-model" data-kind={model.kind} data-id={model.id}>
      <strong className="voice-model-name">{model.name}</strong>{' '}
      <span className="hint" data-testid="voice-model-kind">
        {kindLabel} · {engineName(model.engine)}
      </span>
      <dl className="facts">
        <dt>Language</dt>
        <dd>{model.language ?? '—'}</dd>
        {model.kind === 'tts' && (
          <>
            <dt>Speakers</dt>
            <dd>{model.speakers}</dd>
          </>
        )}
        <dt>Sample rate</dt>
        <dd>{model.sampleRate} Hz</dd>
        <dt>Size</dt>
        <dd>{formatBytes(model.sizeBytes)}</dd>
        <dt>Licence</dt>
        <dd>{model.licence}</dd>
        <dt>Folder</dt>
        <dd>{model.path}</dd>
      </dl>
      {model.kind === 'tts' && (
        <p className="hint">Choose it for a character in the character editor (Voice: a local voice model).</p>
      )}
      <div className="row">
        {model.kind === 'stt' &&
          (props.isSpeechInput ? (
            <span className="hint" data-testid="voice-model-in-use">
              Used for the microphone and calls
            </span>
          ) : (
            <button
              className="ghost small"
              data-testid="voice-model-use-stt"
              disabled={props.isBusy}
              onClick={props.onUseForSpeechInput}
            >
              Use for speech to text
            </button>
          ))}
        {props.isInAppFolder ? (
          <span className="hint">Downloaded into the app's voice folder: delete that folder to remove it.</span>
        ) : (
          <button
            className="ghost small"
            data-testid="voice-model-remove"
            aria-label={`Remove ${model.name}`}
            disabled={props.isBusy}
            onClick={props.onRemove}
          >
            Remove
          </button>
        )}
      </div>
    </li>
  )
}
