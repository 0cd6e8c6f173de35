import { useState } from 'react'

interface Props {
  initial: string
  rows?: number
  testId: string
  className?: string
  onSave: (text: string) => void
  onCancel: () => void
}

/** A textarea with Save and Cancel, for editing a message or a memory in place. */
export function InlineEditor({ initial, rows = 4, testId, className, onSave, onCancel }: Props): React.JSX.Element {
  const [text, setText] = useState(initial)
  return (
    <div className={className}>
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={rows} data-testid={`${testId}-text`} />
      <div className="row">
        <button className="small" data-testid={`${testId}-save`} onClick={() => onSave(text)}>
          Save
        </button>
        <button className="ghost small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}
