import type { ChatHooks } from '../hooks/chatHooks'
import { substituteMacros } from '../util/substituteMacros'
import type { LorebookService } from './LorebookService'
import { DEFAULT_SCAN, scanLore, type ScanOptions } from './scanLore'

export interface LorebookHookDeps {
  lorebooks: LorebookService
  /** The loaded model's token count, or null when no model is loaded (then about 4 characters a token). */
  countTokens: () => ((text: string) => number) | null
  random?: () => number
  scan?: Partial<typeof DEFAULT_SCAN>
}

/**
 * Lore for the turn: the entries of every lorebook that applies to the chat (global, the character's, the chat's,
 * the character's card book) scanned SillyTavern's way over the newest messages, names included as ST does. The
 * fired entries go with the newest message (where the app injects context, so earlier turns stay cached) and are
 * recorded on it, for the reply's "used" list.
 */
export function createLorebookHooks(deps: LorebookHookDeps): ChatHooks {
  return {
    async buildContext(scope, message, history) {
      const { entries, tokenBudget } = deps.lorebooks.entriesFor(scope.character.id, scope.chat.id)
      if (entries.length === 0) return { text: '', memoryIds: [] }
      const speaker = (role: string): string => (role === 'user' ? scope.user.name : scope.character.name)
      const newestFirst = [message, ...history.filter((m) => m.id !== message.id).reverse()].map(
        (m) => `${speaker(m.role)}: ${m.content}`
      )
      const options: ScanOptions = {
        ...DEFAULT_SCAN,
        ...deps.scan,
        ...(tokenBudget !== null ? { tokenBudget } : {}),
        character: { name: scope.character.name, tags: scope.character.tags },
        countTokens: deps.countTokens() ?? ((text) => Math.ceil(text.length / 4)),
        random: deps.random ?? Math.random
      }
      const fired = scanLore(entries, newestFirst, options)
      if (fired.length === 0) return { text: '', memoryIds: [] }
      const names = { char: scope.character.name, user: scope.user.name }
      return {
        text: `[World and lore]\n${fired.map((e) => substituteMacros(e.content, names)).join('\n')}`,
        memoryIds: [],
        loreEntryIds: fired.map((e) => e.id)
      }
    }
  }
}
