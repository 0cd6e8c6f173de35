import { useState } from 'react'
import type { LorebookUpdateInput } from '../../../../shared/contract'
import type { LorebookData } from '../../../../shared/domain'
import { CheckField, NumberField } from './LoreFields'

/** A whole number from a field, or null when it is empty (the app's default). */
const numberOrNull = (value: string, min: number): number | null => {
  const n = Math.trunc(Number(value))
  return value.trim() === '' || !Number.isFinite(n) ? null : Math.max(min, n)
}

/** The book's own matching settings (SillyTavern's scan depth, token budget and recursion); empty = app default. */
export function LorebookSettings(props: {
  book: LorebookData
  onSave: (patch: Omit<LorebookUpdateInput, 'id'>) => void
}): React.JSX.Element {
  const [scanDepth, setScanDepth] = useState(props.book.scanDepth?.toString() ?? '')
  const [tokenBudget, setTokenBudget] = useState(props.book.tokenBudget?.toString() ?? '')
  const [isRecursive, setIsRecursive] = useState(props.book.isRecursive)
  return (
    <form
      className="row"
      data-testid="lorebook-settings"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSave({
          scanDepth: numberOrNull(scanDepth, 0),
          tokenBudget: numberOrNull(tokenBudget, 1),
          isRecursive
        })
      }}
    >
      <NumberField
        label="Scan depth (messages)"
        testId="lorebook-scan-depth"
        min={0}
        placeholder="2"
        value={scanDepth}
        onChange={setScanDepth}
      />
      <NumberField
        label="Token budget"
        testId="lorebook-token-budget"
        min={1}
        placeholder="500"
        value={tokenBudget}
        onChange={setTokenBudget}
      />
      <CheckField
        label="Entries trigger each other (recursion)"
        testId="lorebook-recursive"
        value={isRecursive}
        onChange={setIsRecursive}
      />
      <button type="submit" className="ghost small" data-testid="lorebook-settings-save">
        Save settings
      </button>
    </form>
  )
}
