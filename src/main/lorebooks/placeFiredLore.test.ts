import { describe, expect, it } from 'vitest'
import type { LoreEntry } from '../../shared/domain'
import { defaultLoreEntry } from './loreTypes'
import { AUTHORS_NOTE_DEPTH, placeFiredLore, POSITION } from './placeFiredLore'

let nextUid = 0
function entry(patch: Partial<LoreEntry>): LoreEntry {
  const uid = nextUid++
  return { ...defaultLoreEntry(uid), id: `e${uid}`, content: `content ${uid}`, ...patch }
}
const place = (fired: LoreEntry[]) => placeFiredLore(fired, (text) => text.replace('{{char}}', 'Aiko'))

describe("placeFiredLore puts each entry where SillyTavern's World Info position says", () => {
  it('sorts entries into before/after the character, the examples top/bottom, keeping prompt order', () => {
    const fired = [
      entry({ position: POSITION.beforeCharacter, content: 'B1 {{char}}' }),
      entry({ position: POSITION.afterCharacter, content: 'A1' }),
      entry({ position: POSITION.beforeCharacter, content: 'B2' }),
      entry({ position: POSITION.examplesTop, content: 'E-top' }),
      entry({ position: POSITION.examplesBottom, content: 'E-bottom' })
    ]
    const placement = place(fired)
    expect(placement.beforeCharacter).toEqual(['B1 Aiko', 'B2'])
    expect(placement.afterCharacter).toEqual(['A1'])
    expect(placement.examplesTop).toEqual(['E-top'])
    expect(placement.examplesBottom).toEqual(['E-bottom'])
    expect(placement.inChat).toEqual([])
    expect(placement.entryIds).toEqual(fired.map((e) => e.id))
  })

  it("groups @depth entries by depth and role (SillyTavern's role 0 system, 1 user, 2 assistant)", () => {
    const placement = place([
      entry({ position: POSITION.atDepth, depth: 0, content: 'now' }),
      entry({ position: POSITION.atDepth, depth: 2, content: 'two-a' }),
      entry({ position: POSITION.atDepth, depth: 2, content: 'two-b' }),
      entry({ position: POSITION.atDepth, depth: 2, content: 'two-user', role: 1 }),
      entry({ position: POSITION.atDepth, depth: 3, content: 'card', role: 2 })
    ])
    expect(placement.inChat).toEqual([
      { depth: 0, role: 'system', text: 'now' },
      { depth: 2, role: 'system', text: 'two-a\ntwo-b' },
      { depth: 2, role: 'user', text: 'two-user' },
      { depth: 3, role: 'assistant', text: 'card' }
    ])
  })

  it("puts author's note top/bottom lore at the note's depth as a system block (top first), before @depth lore there", () => {
    const placement = place([
      entry({ position: POSITION.authorsNoteBottom, content: 'AN-bottom' }),
      entry({ position: POSITION.atDepth, depth: AUTHORS_NOTE_DEPTH, content: 'depth-4' }),
      entry({ position: POSITION.authorsNoteTop, content: 'AN-top' })
    ])
    expect(placement.inChat).toEqual([{ depth: 4, role: 'system', text: 'AN-top\nAN-bottom\ndepth-4' }])
  })

  it('leaves out outlet entries (only an {{outlet}} macro places them) and entries with no text', () => {
    const placement = place([entry({ position: POSITION.outlet }), entry({ content: '  ' })])
    expect(placement.entryIds).toEqual([])
    expect(placement.beforeCharacter).toEqual([])
  })
})
