import { useState } from 'react'
import type { LoreEntryInput } from '../../../../shared/contract'
import { LORE_POSITIONS, SELECTIVE_LOGICS } from '../../../../shared/domain'
import { LoreEntryAdvanced } from './LoreEntryAdvanced'

const splitKeys = (text: string): string[] =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)

/** One entry's fields as SillyTavern's World Info editor has them; Save sends the whole entry. */
export function LoreEntryForm(props: {
  entry: LoreEntryInput
  onSave: (entry: LoreEntryInput) => void
  onCancel: () => void
}): React.JSX.Element {
  const [entry, setEntry] = useState(props.entry)
  const [keys, setKeys] = useState(props.entry.keys.join(', '))
  const [secondary, setSecondary] = useState(props.entry.secondaryKeys.join(', '))
  const set = (patch: Partial<LoreEntryInput>): void => setEntry((e) => ({ ...e, ...patch }))
  const number = (value: string, fallback: number): number =>
    Number.isFinite(Number(value)) ? Number(value) : fallback
  return (
    <form
      className="card lore-entry-form"
      data-testid="lore-entry-form"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSave({ ...entry, keys: splitKeys(keys), secondaryKeys: splitKeys(secondary) })
      }}
    >
      <label>
        Title / memo
        <input data-testid="lore-comment" value={entry.comment} onChange={(e) => set({ comment: e.target.value })} />
      </label>
      <label>
        Keys (comma-separated; /regex/ allowed)
        <input data-testid="lore-keys" value={keys} onChange={(e) => setKeys(e.target.value)} />
      </label>
      <label>
        Secondary keys
        <input data-testid="lore-secondary-keys" value={secondary} onChange={(e) => setSecondary(e.target.value)} />
      </label>
      <label>
        Secondary logic
        <select
          data-testid="lore-logic"
          value={entry.selectiveLogic}
          onChange={(e) => set({ selectiveLogic: Number(e.target.value), isSelective: true })}
        >
          {SELECTIVE_LOGICS.map((label, i) => (
            <option key={label} value={i}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Content
        <textarea
          data-testid="lore-content"
          rows={5}
          value={entry.content}
          onChange={(e) => set({ content: e.target.value })}
        />
      </label>
      <div className="row">
        <label>
          <input
            type="checkbox"
            data-testid="lore-enabled"
            checked={entry.isEnabled}
            onChange={(e) => set({ isEnabled: e.target.checked })}
          />
          Enabled
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="lore-constant"
            checked={entry.isConstant}
            onChange={(e) => set({ isConstant: e.target.checked })}
          />
          Always on (constant)
        </label>
      </div>
      <div className="row">
        <label>
          Order
          <input
            type="number"
            data-testid="lore-order"
            value={entry.order}
            onChange={(e) => set({ order: number(e.target.value, entry.order) })}
          />
        </label>
        <label>
          Position
          <select
            data-testid="lore-position"
            value={entry.position}
            onChange={(e) => set({ position: Number(e.target.value) })}
          >
            {LORE_POSITIONS.map((label, i) => (
              <option key={label} value={i}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Depth
          <input
            type="number"
            min={0}
            data-testid="lore-depth"
            value={entry.depth}
            onChange={(e) => set({ depth: Math.max(0, Math.trunc(number(e.target.value, entry.depth))) })}
          />
        </label>
        <label>
          Probability %
          <input
            type="number"
            min={0}
            max={100}
            data-testid="lore-probability"
            value={entry.probability}
            onChange={(e) => {
              const probability = Math.min(100, Math.max(0, number(e.target.value, entry.probability)))
              set({ probability, useProbability: probability < 100 || entry.useProbability })
            }}
          />
        </label>
      </div>
      <LoreEntryAdvanced entry={entry} set={set} />
      <div className="row">
        <button type="submit" data-testid="lore-entry-save">
          Save entry
        </button>
        <button type="button" className="ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
