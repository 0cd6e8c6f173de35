import { useState } from 'react'
import type { LoreEntryInput } from '../../../../shared/contract'
import { LORE_ROLES } from '../../../../shared/domain'

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)

/** A whole number >= 0 from a field, or null when it is empty (the setting is off or the app's default). */
const countOrNull = (value: string): number | null => {
  const n = Math.trunc(Number(value))
  return value.trim() === '' || !Number.isFinite(n) || n < 0 ? null : n
}

/** SillyTavern's three-way per-entry switches: the app's setting, on, or off. */
function TriState(props: {
  label: string
  testId: string
  value: boolean | null
  onChange: (value: boolean | null) => void
}): React.JSX.Element {
  return (
    <label>
      {props.label}
      <select
        data-testid={props.testId}
        value={props.value === null ? '' : props.value ? 'yes' : 'no'}
        onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value === 'yes')}
      >
        <option value="">App default</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </label>
  )
}

/**
 * The rest of SillyTavern's entry fields: inclusion group, matching, character filter (by name; tags imported with a
 * book are kept), timed effects, recursion and the @depth role.
 */
export function LoreEntryAdvanced(props: {
  entry: LoreEntryInput
  set: (patch: Partial<LoreEntryInput>) => void
}): React.JSX.Element {
  const { entry, set } = props
  const filter = entry.characterFilter
  const [names, setNames] = useState(filter?.names.join(', ') ?? '')
  const setFilter = (patch: { names?: string[]; isExclude?: boolean }): void => {
    const next = {
      isExclude: filter?.isExclude ?? false,
      names: filter?.names ?? [],
      tags: filter?.tags ?? [],
      ...patch
    }
    set({ characterFilter: next.names.length > 0 || next.tags.length > 0 ? next : null })
  }
  const timed = (field: 'sticky' | 'cooldown' | 'delay', label: string): React.JSX.Element => (
    <label>
      {label}
      <input
        type="number"
        min={0}
        placeholder="off"
        data-testid={`lore-${field}`}
        value={entry[field] ?? ''}
        onChange={(e) => set({ [field]: countOrNull(e.target.value) })}
      />
    </label>
  )
  return (
    <details className="lore-advanced" data-testid="lore-advanced">
      <summary>More: group, matching, characters, timing</summary>
      {entry.position === 4 && (
        <label>
          Speaks as (at depth)
          <select
            data-testid="lore-role"
            value={entry.role ?? 0}
            onChange={(e) => set({ role: Number(e.target.value) })}
          >
            {LORE_ROLES.map((role, i) => (
              <option key={role} value={i}>
                {role}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="row">
        <label>
          Inclusion group
          <input data-testid="lore-group" value={entry.group} onChange={(e) => set({ group: e.target.value })} />
        </label>
        <label>
          Group weight
          <input
            type="number"
            min={0}
            data-testid="lore-group-weight"
            value={entry.groupWeight}
            onChange={(e) => set({ groupWeight: countOrNull(e.target.value) ?? entry.groupWeight })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="lore-group-override"
            checked={entry.groupOverride}
            onChange={(e) => set({ groupOverride: e.target.checked })}
          />
          Prioritise in group
        </label>
        <TriState
          label="Group scoring"
          testId="lore-group-scoring"
          value={entry.useGroupScoring}
          onChange={(useGroupScoring) => set({ useGroupScoring })}
        />
      </div>
      <div className="row">
        <TriState
          label="Case-sensitive"
          testId="lore-case-sensitive"
          value={entry.caseSensitive}
          onChange={(caseSensitive) => set({ caseSensitive })}
        />
        <TriState
          label="Whole words"
          testId="lore-whole-words"
          value={entry.matchWholeWords}
          onChange={(matchWholeWords) => set({ matchWholeWords })}
        />
        <label>
          Scan depth
          <input
            type="number"
            min={0}
            placeholder="book's"
            data-testid="lore-scan-depth"
            value={entry.scanDepth ?? ''}
            onChange={(e) => set({ scanDepth: countOrNull(e.target.value) })}
          />
        </label>
      </div>
      <div className="row">
        <label>
          Only for characters (names, comma-separated)
          <input
            data-testid="lore-character-filter"
            value={names}
            onChange={(e) => {
              setNames(e.target.value)
              setFilter({ names: splitList(e.target.value) })
            }}
          />
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="lore-character-exclude"
            checked={filter?.isExclude ?? false}
            onChange={(e) => setFilter({ isExclude: e.target.checked })}
          />
          Everyone but them
        </label>
      </div>
      <div className="row">
        {timed('sticky', 'Sticky (messages)')}
        {timed('cooldown', 'Cooldown (messages)')}
        {timed('delay', 'Delay (messages)')}
      </div>
      <div className="row">
        <label>
          <input
            type="checkbox"
            data-testid="lore-exclude-recursion"
            checked={entry.excludeRecursion}
            onChange={(e) => set({ excludeRecursion: e.target.checked })}
          />
          Not triggered by other entries
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="lore-prevent-recursion"
            checked={entry.preventRecursion}
            onChange={(e) => set({ preventRecursion: e.target.checked })}
          />
          Does not trigger other entries
        </label>
      </div>
    </details>
  )
}
