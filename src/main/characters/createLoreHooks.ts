import type { ChatHooks } from '../chat/chatTypes'
import { substituteMacros } from '../chat/substituteMacros'
import { matchLorebook } from './cards/lorebook'

/** How many recent messages are scanned for lorebook keywords (SillyTavern's default scan depth is similar). */
const SCAN_DEPTH = 4

/** Keyword-triggered lore from the character's lorebook, placed with the newest message like World Info. */
export function createLoreHooks(): ChatHooks {
  return {
    async buildContext(scope, message, history) {
      const book = scope.character.lorebook
      if (!book || book.entries.length === 0) return { text: '', memoryIds: [] }
      const recent = [
        ...history
          .filter((m) => m.id !== message.id)
          .slice(-(book.scanDepth ?? SCAN_DEPTH))
          .map((m) => m.content),
        message.content
      ]
      const entries = matchLorebook(book, recent, (book.tokenBudget ?? 500) * 4)
      if (entries.length === 0) return { text: '', memoryIds: [] }
      const names = { char: scope.character.name, user: scope.user.name }
      return {
        text: `[World and lore]\n${entries.map((e) => substituteMacros(e.content, names)).join('\n')}`,
        memoryIds: []
      }
    }
  }
}
