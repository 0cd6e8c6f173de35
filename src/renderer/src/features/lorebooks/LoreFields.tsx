import type { LoreEntryInput } from '../../../../shared/contract'

/** Comma-separated text as its non-empty items (keys, character names). */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)

interface FieldProps<T> {
  label: string
  testId: string
  value: T
  onChange: (value: T) => void
}

/** A labelled text box. */
export function TextField({ label, testId, value, onChange }: FieldProps<string>): React.JSX.Element {
  return (
    <label>
      {label}
      <input data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  )
}

/**
 * A labelled number box; it hands over the text as typed, since each field reads an empty or odd value its own way
 * (off, the app's default, or the value before).
 */
export function NumberField(
  props: FieldProps<string> & { min?: number; max?: number; placeholder?: string }
): React.JSX.Element {
  const { label, testId, value, onChange, min, max, placeholder } = props
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        placeholder={placeholder}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  )
}

/** A labelled checkbox, the box first. */
export function CheckField({ label, testId, value, onChange }: FieldProps<boolean>): React.JSX.Element {
  return (
    <label>
      <input type="checkbox" data-testid={testId} checked={value} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  )
}

/** A labelled choice among SillyTavern's numbered options (positions, logics, roles): the value is the index. */
export function ChoiceField(props: FieldProps<number> & { choices: readonly string[] }): React.JSX.Element {
  const { label, testId, value, onChange, choices } = props
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {choices.map((choice, i) => (
          <option key={choice} value={i}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  )
}

/** SillyTavern's three-way per-entry switches: the app's setting, on, or off. */
export function TriStateField({ label, testId, value, onChange }: FieldProps<boolean | null>): React.JSX.Element {
  return (
    <label>
      {label}
      <select
        data-testid={testId}
        value={value === null ? '' : value ? 'yes' : 'no'}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')}
      >
        <option value="">App default</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </label>
  )
}

/** The entry's fields whose value is exactly of type T. */
type EntryKey<T> = {
  [K in keyof LoreEntryInput]-?: [LoreEntryInput[K]] extends [T] ? ([T] extends [LoreEntryInput[K]] ? K : never) : never
}[keyof LoreEntryInput]

/** Fields bound to one entry's switches: each reads its key and writes it back through `set`. */
export function entrySwitches(
  entry: LoreEntryInput,
  set: (patch: Partial<LoreEntryInput>) => void
): {
  check: (key: EntryKey<boolean>, label: string, testId: string) => React.JSX.Element
  triState: (key: EntryKey<boolean | null>, label: string, testId: string) => React.JSX.Element
} {
  return {
    check: (key, label, testId) => (
      <CheckField label={label} testId={testId} value={entry[key]} onChange={(value) => set({ [key]: value })} />
    ),
    triState: (key, label, testId) => (
      <TriStateField label={label} testId={testId} value={entry[key]} onChange={(value) => set({ [key]: value })} />
    )
  }
}
