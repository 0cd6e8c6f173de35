import { useState } from 'react'
import type { LoraRef, ModelStatus } from '../../../../shared/domain'
import { api } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAction } from '../../components/useAction'
import { LoraScale } from '../../components/LoraScale'

/** App-wide LoRA adapters on the loaded model (characters can carry their own in their profile). */
export function LoraPanel({ status }: { status: ModelStatus | null }): React.JSX.Element {
  const [loras, setLoras] = useState<LoraRef[]>(status?.loras ?? [])
  const [path, setPath] = useState('')
  const action = useAction()
  const [isApplied, setIsApplied] = useState(false)
  const apply = async (next: LoraRef[]): Promise<void> => {
    setIsApplied(false)
    await action.run(async () => {
      setLoras((await api.models.setLoras({ loras: next })).loras)
      setIsApplied(true)
    })
  }
  return (
    <div className="card">
      <h3>LoRA adapters</h3>
      <p className="hint">Fine-tuned GGUF adapters for the loaded model; switched without reloading it.</p>
      <div className="row">
        <input
          data-testid="lora-path"
          placeholder="/path/to/adapter.gguf"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button
          data-testid="lora-add"
          disabled={!path.trim() || status?.state !== 'loaded'}
          onClick={() => void apply([...loras, { path: path.trim(), scale: 1 }])}
        >
          Attach
        </button>
      </div>
      <ul className="loras">
        {loras.map((lora, i) => (
          <li key={lora.path} className="row">
            <span className="lora-name">{lora.path.split(/[\\/]/).pop()}</span>
            <LoraScale
              value={lora.scale}
              label="Adapter scale"
              onChange={(scale) => setLoras(loras.map((l, j) => (j === i ? { ...l, scale } : l)))}
            />
            <span>{lora.scale.toFixed(2)}</span>
            <button className="ghost small" onClick={() => void apply(loras)}>
              Apply
            </button>
            <button className="ghost small" onClick={() => void apply(loras.filter((_, j) => j !== i))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {isApplied && (
        <span className="hint" data-testid="lora-applied">
          Adapters applied.
        </span>
      )}
      <ErrorNotice message={action.error} onDismiss={action.dismiss} />
    </div>
  )
}
