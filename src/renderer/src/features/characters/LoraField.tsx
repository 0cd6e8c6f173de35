import type { LoraRef } from '../../../../shared/domain'
import { LoraScale } from '../../components/LoraScale'

interface Props {
  loras: readonly LoraRef[]
  onChange: (loras: LoraRef[]) => void
}

/** A character's own LoRA adapter (one at most here) and its scale. */
export function LoraField({ loras, onChange }: Props): React.JSX.Element {
  const lora = loras[0]
  return (
    <div className="card row avatar-row">
      <label className="inline">
        Own LoRA adapter
        <input
          data-testid="character-lora-path"
          placeholder="/path/to/adapter.gguf (optional)"
          value={lora?.path ?? ''}
          onChange={(e) => {
            const path = e.target.value.trim()
            onChange(path ? [{ path, scale: lora?.scale ?? 1 }] : [])
          }}
        />
      </label>
      {lora && (
        <label className="inline">
          Scale {lora.scale.toFixed(2)}
          <LoraScale value={lora.scale} onChange={(scale) => onChange(loras.map((l) => ({ ...l, scale })))} />
        </label>
      )}
      <span className="hint">Applied whenever this character speaks; checked against the loaded model first.</span>
    </div>
  )
}
