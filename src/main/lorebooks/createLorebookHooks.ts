import type { ChatHooks } from '../hooks/chatHooks'
import { noLore } from '../hooks/lorePlacement'
import { substituteMacros } from '../util/substituteMacros'
import type { LorebookService } from './LorebookService'
import { placeFiredLore } from './placeFiredLore'
import { DEFAULT_SCAN, scanLore, type ScanOptions } from './scanLore'
import { checkTimedEffects, setTimedEffects } from './timedEffects'
import type { LoreTimedEffectRepository } from '../db/repositories/LoreTimedEffectRepository'

export interface LorebookHookDeps {
  lorebooks: LorebookService
  /** The loaded model's token count, or null when no model is loaded (then about 4 characters a token). */
  countTokens: () => ((text: string) => number) | null
  random?: () => number
  /** Where each chat's sticky and cooldown effects are kept (SQLite, so they survive a restart). */
  timedEffects: LoreTimedEffectRepository
  scan?: Partial<typeof DEFAULT_SCAN>
}

/**
 * Lore for each generation: the entries of every lorebook that applies to the chat (global, the character's, the
 * chat's, the character's card book) scanned SillyTavern's way over the newest messages, names included as ST
 * does, and placed where each entry's position says (see placeFiredLore). Scanned again for a new version of a
 * reply, as SillyTavern does. Sticky, cooldown and delay count in messages of the chat; their running effects are
 * read before the scan and written after it.
 */
export function createLorebookHooks(deps: LorebookHookDeps): ChatHooks {
  return {
    placeLore(scope, history, chatLength) {
      const { entries, tokenBudget } = deps.lorebooks.entriesFor(scope.character.id, scope.chat.id)
      if (entries.length === 0) return noLore()
      const speaker = (role: string): string => (role === 'user' ? scope.user.name : scope.character.name)
      const newestFirst = [...history].reverse().map((m) => `${speaker(m.role)}: ${m.content}`)
      const stored = deps.timedEffects.list(scope.chat.id)
      const timed = checkTimedEffects(stored, entries, chatLength)
      const options: ScanOptions = {
        ...DEFAULT_SCAN,
        ...deps.scan,
        ...(tokenBudget !== null ? { tokenBudget } : {}),
        character: { name: scope.character.name, tags: scope.character.tags },
        countTokens: deps.countTokens() ?? ((text) => Math.ceil(text.length / 4)),
        random: deps.random ?? Math.random,
        timed: timed.state
      }
      const fired = scanLore(entries, newestFirst, options)
      const effects = setTimedEffects(timed.effects, fired, chatLength)
      if (stored.length > 0 || effects.length > 0) deps.timedEffects.replace(scope.chat.id, effects)
      const names = { char: scope.character.name, user: scope.user.name }
      return placeFiredLore(fired, (text) => substituteMacros(text, names))
    }
  }
}
