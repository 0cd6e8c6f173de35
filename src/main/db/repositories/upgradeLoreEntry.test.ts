import { describe, expect, it } from 'vitest'
import { defaultLoreEntry, type LoreEntryDraft } from '../../../shared/domain'
import { upgradeLoreEntry } from './upgradeLoreEntry'

/** An entry as stored before role, sticky, cooldown, delay and useGroupScoring were fields. */
function oldEntry(extra: Record<string, unknown>): LoreEntryDraft {
  const { role, sticky, cooldown, delay, useGroupScoring, ...rest } = { ...defaultLoreEntry(3), extra }
  void [role, sticky, cooldown, delay, useGroupScoring]
  return rest as LoreEntryDraft
}

describe('upgradeLoreEntry', () => {
  it('moves World Info fields kept in extra to the new fields, keeping the other unknown fields', () => {
    const upgraded = upgradeLoreEntry(oldEntry({ sticky: 2, cooldown: 3, delay: 4, role: 1, automationId: 'x' }))
    expect(upgraded).toMatchObject({ sticky: 2, cooldown: 3, delay: 4, role: 1, useGroupScoring: null })
    expect(upgraded.extra).toEqual({ automationId: 'x' })
  })

  it("moves a card entry's extension fields, dropping the card extensions left empty", () => {
    const upgraded = upgradeLoreEntry(
      oldEntry({ cardExtensions: { sticky: 0, role: 2, use_group_scoring: true }, cardEntry: { name: 'n' } })
    )
    expect(upgraded).toMatchObject({ sticky: 0, role: 2, useGroupScoring: true, cooldown: null })
    expect(upgraded.extra).toEqual({ cardEntry: { name: 'n' } })
  })

  it('leaves an entry stored with the fields as it is', () => {
    const current = { ...defaultLoreEntry(1), sticky: 5, extra: { sticky: 'unrelated' } }
    expect(upgradeLoreEntry(current)).toBe(current)
  })
})
