import { LORE_ROLES, type LoreEntry } from '../../shared/domain'
import type { DepthInjection, LorePlacement } from '../hooks/lorePlacement'
import { noLore } from '../hooks/lorePlacement'

/** SillyTavern's `world_info_position` values. */
export const POSITION = {
  beforeCharacter: 0,
  afterCharacter: 1,
  authorsNoteTop: 2,
  authorsNoteBottom: 3,
  atDepth: 4,
  examplesTop: 5,
  examplesBottom: 6,
  outlet: 7
} as const

/**
 * SillyTavern's author's note sits in the chat at depth 4 as a system message unless the user moves it
 * (authors-note.js defaults); the app has no author's note of its own, so lore for its top and bottom goes there
 * alone, as in SillyTavern with an empty note.
 */
export const AUTHORS_NOTE_DEPTH = 4
const MAX_DEPTH = 1000

/** The entry's role for @depth: SillyTavern's `role` (0 system, 1 user, 2 assistant), system when unset. */
export const roleOf = (entry: LoreEntry): DepthInjection['role'] => LORE_ROLES[entry.role ?? 0] ?? 'system'

/**
 * Fired entries (in prompt order, see scanLore) by position, as SillyTavern's checkWorldInfo builds its prompt
 * parts: before / after the character's definitions, the example dialogue's top / bottom, the author's note's top /
 * bottom (at the note's depth) and @depth entries grouped by depth and role (the author's note first at its depth,
 * as ST joins its extension prompts). Outlet entries are only placed by ST's {{outlet}} macro, which prompts here do
 * not have, so they are left out. `render` substitutes macros.
 */
export function placeFiredLore(fired: readonly LoreEntry[], render: (text: string) => string): LorePlacement {
  const placement = noLore()
  const authorsNote: { top: string[]; bottom: string[] } = { top: [], bottom: [] }
  const atDepth = new Map<string, DepthInjection>()
  for (const entry of fired) {
    const text = render(entry.content)
    if (!text.trim() || entry.position === POSITION.outlet) continue
    placement.entryIds.push(entry.id)
    switch (entry.position) {
      case POSITION.afterCharacter:
        placement.afterCharacter.push(text)
        break
      case POSITION.authorsNoteTop:
        authorsNote.top.push(text)
        break
      case POSITION.authorsNoteBottom:
        authorsNote.bottom.push(text)
        break
      case POSITION.atDepth: {
        const depth = Math.min(Math.max(Math.trunc(entry.depth), 0), MAX_DEPTH)
        const role = roleOf(entry)
        const key = `${depth}:${role}`
        const existing = atDepth.get(key)
        if (existing) existing.text += `\n${text}`
        else atDepth.set(key, { depth, role, text })
        break
      }
      case POSITION.examplesTop:
        placement.examplesTop.push(text)
        break
      case POSITION.examplesBottom:
        placement.examplesBottom.push(text)
        break
      default:
        placement.beforeCharacter.push(text)
    }
  }
  const note = [...authorsNote.top, ...authorsNote.bottom].join('\n')
  if (note) {
    const key = `${AUTHORS_NOTE_DEPTH}:system`
    const existing = atDepth.get(key)
    atDepth.set(key, { depth: AUTHORS_NOTE_DEPTH, role: 'system', text: existing ? `${note}\n${existing.text}` : note })
  }
  placement.inChat = [...atDepth.values()]
  return placement
}
