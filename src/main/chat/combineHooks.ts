import type { ChatHooks, TurnContext } from '../hooks/chatHooks'
import { mergeLore } from './mergeLore'

/** Several capabilities' hooks as one: contexts are joined in the given order, background hooks all run. */
export function combineHooks(...all: ChatHooks[]): ChatHooks {
  return {
    async buildContext(scope, message, history) {
      const parts: TurnContext[] = []
      for (const hooks of all) if (hooks.buildContext) parts.push(await hooks.buildContext(scope, message, history))
      return {
        text: parts
          .map((p) => p.text)
          .filter(Boolean)
          .join('\n'),
        ownText: parts
          .map((p) => p.ownText ?? '')
          .filter(Boolean)
          .join('\n'),
        memoryIds: parts.flatMap((p) => p.memoryIds),
        loreEntryIds: parts.flatMap((p) => p.loreEntryIds ?? [])
      }
    },
    placeLore: (scope, history, chatLength) =>
      mergeLore(all.flatMap((hooks) => (hooks.placeLore ? [hooks.placeLore(scope, history, chatLength)] : []))),
    pinnedMemories: (scope) => all.flatMap((hooks) => hooks.pinnedMemories?.(scope) ?? []),
    onUserMessage: (scope, message) => all.forEach((hooks) => hooks.onUserMessage?.(scope, message)),
    onReply: (scope, reply) => all.forEach((hooks) => hooks.onReply?.(scope, reply)),
    async onMessagesDeleted(chatId, messageIds, options) {
      for (const hooks of all) await hooks.onMessagesDeleted?.(chatId, messageIds, options)
    },
    onHistoryDropped: (scope, ids) => all.forEach((hooks) => hooks.onHistoryDropped?.(scope, ids))
  }
}
