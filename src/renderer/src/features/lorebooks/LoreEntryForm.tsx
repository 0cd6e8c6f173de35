import { useState } from 'react'
import type { LoreEntryInput } from '../../../../shared/contract'
import { LORE_POSITIONS, SELECTIVE_LOGICS } from '../../../../shared/domain'
import { LoreEntryAdvanced } from './LoreEntryAdvanced'
import { ChoiceField, NumberField, TextField, entrySwitches, splitList } from './LoreFields'

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
  const { check } = entrySwitches(entry, set)
  const number = (value: string, fallback: number): number =>
    Number.isFinite(Number(value)) ? Number(value) : fallback
  return (
    <form
      className="card lore-entry-form"
      data-testid="lore-entry-form"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSave({ ...entry, keys: splitList(keys), secondaryKeys: splitList(secondary) })
      }}
    >
      <TextField
        label="Title / memo"
        testId="lore-comment"
        value={entry.comment}
        onChange={(comment) => set({ comment })}
      />
      <TextField label="Keys (comma-separated; /regex/ allowed)" testId="lore-keys" value={keys} onChange={setKeys} />
      <TextField label="Secondary keys" testId="lore-secondary-keys" value={secondary} onChange={setSecondary} />
      <ChoiceField
        label="Secondary logic"
        testId="lore-logic"
        choices={SELECTIVE_LOGICS}
        value={entry.selectiveLogic}
        onChange={(selectiveLogic) => set({ selectiveLogic, isSelective: true })}
      />
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
        {check('isEnabled', 'Enabled', 'lore-enabled')}
        {check('isConstant', 'Always on (constant)', 'lore-constant')}
      </div>
      <div className="row">
        <NumberField
          label="Order"
          testId="lore-order"
          value={String(entry.order)}
          onChange={(text) => set({ order: number(text, entry.order) })}
        />
        <ChoiceField
          label="Position"
          testId="lore-position"
          choices={LORE_POSITIONS}
          value={entry.position}
          onChange={(position) => set({ position })}
        />
        <NumberField
          label="Depth"
          testId="lore-depth"
          min={0}
          value={String(entry.depth)}
          onChange={(text) => set({ depth: Math.max(0, Math.trunc(number(text, entry.depth))) })}
        />
        <NumberField
          label="Probability %"
          testId="lore-probability"
          min={0}
          max={100}
          value={String(entry.probability)}
          onChange={(text) => {
            const probability = Math.min(100, Math.max(0, number(text, entry.probability)))
            set({ probability, useProbability: probability < 100 || entry.useProbability })
          }}
        />
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
