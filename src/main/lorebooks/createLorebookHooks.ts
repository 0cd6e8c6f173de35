import type { ChatHooks } from '../hooks/chatHooks'
import { noLore } from '../hooks/lorePlacement'
import { substituteMacros } from '../util/substituteMacros'
import type { LorebookService } from './LorebookService'
import { placeFiredLore } from './placeFiredLore'
import { DEFAULT_SCAN, scanLore, type ScanOptions } from './scanLore'

export interface LorebookHookDeps {
  lorebooks: LorebookService
  /** The loaded model's token count, or null when no model is loaded (then about 4 characters a token). */
  countTokens: () => ((text: string) => number) | null
  random?: () => number
  scan?: Partial<typeof DEFAULT_SCAN>
}

/**
 * Lore for each generation: the entries of every lorebook that applies to the chat (global, the character's, the
 * chat's, the character's card book) scanned SillyTavern's way over the newest messages, names included as ST
 * does, and placed where each entry's position says (see placeFiredLore). Scanned again for a new version of a
 * reply, as SillyTavern does.
 */
export function createLorebookHooks(deps: LorebookHookDeps): ChatHooks {
  return {
    placeLore(scope, history) {
      const { entries, tokenBudget } = deps.lorebooks.entriesFor(scope.character.id, scope.chat.id)
      if (entries.length === 0) return noLore()
      const speaker = (role: string): string => (role === 'user' ? scope.user.name : scope.character.name)
      const newestFirst = [...history].reverse().map((m) => `${speaker(m.role)}: ${m.content}`)
      const options: ScanOptions = {
        ...DEFAULT_SCAN,
        ...deps.scan,
        ...(tokenBudget !== null ? { tokenBudget } : {}),
        character: { name: scope.character.name, tags: scope.character.tags },
        countTokens: deps.countTokens() ?? ((text) => Math.ceil(text.length / 4)),
        random: deps.random ?? Math.random
      }
      const names = { char: scope.character.name, user: scope.user.name }
      return placeFiredLore(scanLore(entries, newestFirst, options), (text) => substituteMacros(text, names))
    }
  }
}
