import { useState } from 'react'
import type { LoreEntryInput } from '../../../../shared/contract'
import { LORE_ROLES } from '../../../../shared/domain'
import { CheckField, ChoiceField, NumberField, TextField, entrySwitches, splitList } from './LoreFields'

/** A whole number >= 0 from a field, or null when it is empty (the setting is off or the app's default). */
const countOrNull = (value: string): number | null => {
  const n = Math.trunc(Number(value))
  return value.trim() === '' || !Number.isFinite(n) || n < 0 ? null : n
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
  const { check, triState } = entrySwitches(entry, set)
  const timed = (field: 'sticky' | 'cooldown' | 'delay', label: string): React.JSX.Element => (
    <NumberField
      label={label}
      testId={`lore-${field}`}
      min={0}
      placeholder="off"
      value={String(entry[field] ?? '')}
      onChange={(text) => set({ [field]: countOrNull(text) })}
    />
  )
  return (
    <details className="lore-advanced" data-testid="lore-advanced">
      <summary>More: group, matching, characters, timing</summary>
      {entry.position === 4 && (
        <ChoiceField
          label="Speaks as (at depth)"
          testId="lore-role"
          choices={LORE_ROLES}
          value={entry.role ?? 0}
          onChange={(role) => set({ role })}
        />
      )}
      <div className="row">
        <TextField
          label="Inclusion group"
          testId="lore-group"
          value={entry.group}
          onChange={(group) => set({ group })}
        />
        <NumberField
          label="Group weight"
          testId="lore-group-weight"
          min={0}
          value={String(entry.groupWeight)}
          onChange={(text) => set({ groupWeight: countOrNull(text) ?? entry.groupWeight })}
        />
        {check('groupOverride', 'Prioritise in group', 'lore-group-override')}
        {triState('useGroupScoring', 'Group scoring', 'lore-group-scoring')}
      </div>
      <div className="row">
        {triState('caseSensitive', 'Case-sensitive', 'lore-case-sensitive')}
        {triState('matchWholeWords', 'Whole words', 'lore-whole-words')}
        <NumberField
          label="Scan depth"
          testId="lore-scan-depth"
          min={0}
          placeholder="book's"
          value={String(entry.scanDepth ?? '')}
          onChange={(text) => set({ scanDepth: countOrNull(text) })}
        />
      </div>
      <div className="row">
        <TextField
          label="Only for characters (names, comma-separated)"
          testId="lore-character-filter"
          value={names}
          onChange={(text) => {
            setNames(text)
            setFilter({ names: splitList(text) })
          }}
        />
        <CheckField
          label="Everyone but them"
          testId="lore-character-exclude"
          value={filter?.isExclude ?? false}
          onChange={(isExclude) => setFilter({ isExclude })}
        />
      </div>
      <div className="row">
        {timed('sticky', 'Sticky (messages)')}
        {timed('cooldown', 'Cooldown (messages)')}
        {timed('delay', 'Delay (messages)')}
      </div>
      <div className="row">
        {check('excludeRecursion', 'Not triggered by other entries', 'lore-exclude-recursion')}
        {check('preventRecursion', 'Does not trigger other entries', 'lore-prevent-recursion')}
      </div>
    </details>
  )
}
