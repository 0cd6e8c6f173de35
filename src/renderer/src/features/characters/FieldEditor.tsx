import type { FieldSpec } from './draftFields'

interface FieldProps {
  spec: FieldSpec
  value: unknown
  isBusy: boolean
  canRegenerate: boolean
  onChange: (value: string | string[]) => void
  onRegenerate: () => void
}

/** One of a character's text fields, with a button that writes it anew where it can be generated. */
export function FieldEditor({
  spec,
  value,
  isBusy,
  canRegenerate,
  onChange,
  onRegenerate
}: FieldProps): React.JSX.Element {
  const id = `field-${spec.key}`
  const text = Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : ''
  return (
    <div className={`field ${isBusy ? 'busy' : ''}`}>
      <div className="field-head">
        <label htmlFor={id}>{spec.label}</label>
        {spec.isGeneratable && (
          <button
            className="ghost small"
            title={`Write another ${spec.label.toLowerCase()}`}
            disabled={!canRegenerate}
            onClick={onRegenerate}
            data-testid={`regenerate-${spec.key}`}
          >
            ↻
          </button>
        )}
      </div>
      {spec.kind === 'line' ? (
        <input id={id} data-testid={id} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <textarea
          id={id}
          data-testid={id}
          rows={spec.kind === 'list' ? 3 : 4}
          value={text}
          placeholder={spec.kind === 'list' ? 'One per line' : ''}
          onChange={(e) => onChange(spec.kind === 'list' ? e.target.value.split('\n') : e.target.value)}
        />
      )}
    </div>
  )
}
