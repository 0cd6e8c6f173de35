import { describe, expect, it } from 'vitest'
import { addMember, blankGroupForm, formProblem, isMuted, moveMember, muteMember, removeMember } from './groupForm'

const now = new Date('2026-11-29T12:00:00.000Z')
const three = { ...blankGroupForm(), name: 'Tea club', characterIds: ['a', 'b', 'c'] }

describe('group form', () => {
  it('refuses a group without a name, of fewer than two members, or with a bad reply limit', () => {
    expect(formProblem(three)).toBeNull()
    expect(formProblem({ ...three, name: '  ' })).toMatch(/name/)
    expect(formProblem({ ...three, characterIds: ['a'] })).toMatch(/two members/)
    expect(formProblem({ ...three, characterIds: ['a', 'a'] })).toMatch(/two members/)
    for (const n of [0, 21, 2.5, Number.NaN]) expect(formProblem({ ...three, autoModeMaxReplies: n })).toMatch(/Auto/)
  })

  it('adds a member once, and removing one drops its mute too', () => {
    expect(addMember(three, 'b').characterIds).toEqual(['a', 'b', 'c'])
    expect(addMember(three, 'd').characterIds).toEqual(['a', 'b', 'c', 'd'])
    const muted = muteMember(three, 'b', 60, now)
    const removed = removeMember(muted, 'b')
    expect(removed.characterIds).toEqual(['a', 'c'])
    expect(removed.mutedUntil).toEqual({})
  })

  it('moves a member in the turn order, never past either end', () => {
    expect(moveMember(three, 'c', -1).characterIds).toEqual(['a', 'c', 'b'])
    expect(moveMember(three, 'a', 1).characterIds).toEqual(['b', 'a', 'c'])
    expect(moveMember(three, 'a', -1)).toBe(three)
    expect(moveMember(three, 'c', 1)).toBe(three)
  })

  it('mutes for a while: muted until the time passes, and unmuting clears it', () => {
    const muted = muteMember(three, 'a', 15, now)
    expect(muted.mutedUntil.a).toBe('2026-11-29T12:15:00.000Z')
    expect(isMuted(muted, 'a', now)).toBe(true)
    expect(isMuted(muted, 'a', new Date('2026-11-29T12:15:00.001Z'))).toBe(false)
    expect(isMuted(muted, 'b', now)).toBe(false)
    expect(muteMember(muted, 'a', null, now).mutedUntil).toEqual({})
  })
})
