import type { Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import type { ChatHistory } from './ChatHistory'
import type { ReplyPlan } from './ReplyStreamer'

export interface ReplyPlanDeps {
  messages: MessageRepository
  hooks: ChatHooks
  history: ChatHistory
}

/**
 * A new reply to the user's message in a one-to-one chat: what is recalled for it is stored on the user's message,
 * then the empty reply is written. Runs inside the stream, so background work started by the hooks waits for it.
 */
export function newReplyPlan(deps: ReplyPlanDeps, scope: TurnScope, userMessage: Message): ReplyPlan {
  const chatId = scope.chat.id
  return {
    prefix: '',
    prepare: async (signal) => {
      const earlier = await deps.history.load(chatId)
      if (deps.hooks.buildContext) {
        const context = await deps.hooks.buildContext(scope, userMessage, earlier)
        // Stopped (or its chat deleted) while recalling: nothing more is written.
        if (signal.aborted) throw new AppError('CANCELLED', 'The reply was stopped.')
        deps.messages.setContext(userMessage.id, context.text, context.memoryIds)
        if (context.loreEntryIds?.length) deps.messages.setLoreEntries(userMessage.id, context.loreEntryIds)
      }
      const history = await deps.history.load(chatId)
      const reply = deps.messages.insert({ chatId, role: 'assistant', content: '', status: 'streaming' })
      return { reply, history }
    }
  }
}

/** A new version of the last reply, written into a new swipe; earlier versions stay. */
export function newVersionPlan(deps: ReplyPlanDeps, last: Message): ReplyPlan {
  return {
    prefix: '',
    messageId: last.id,
    prepare: async () => {
      const history = await historyBefore(deps.history, last)
      // Read now, not at the request: the versions are the message's as it is when generation starts.
      const current = deps.messages.get(last.id)
      const swipes = current.swipes.length > 0 ? [...current.swipes, ''] : [current.content, '']
      deps.messages.setSwipes(last.id, swipes, swipes.length - 1)
      deps.messages.updateContent(last.id, '', 'streaming')
      return { reply: deps.messages.get(last.id), history }
    }
  }
}

/** The last reply goes on from where it was stopped or cut off by the length limit. */
export function continuationPlan(deps: ReplyPlanDeps, last: Message): ReplyPlan {
  return {
    prefix: last.content,
    messageId: last.id,
    prepare: async () => {
      const history = await historyBefore(deps.history, last)
      deps.messages.updateContent(last.id, last.content, 'streaming')
      return { reply: deps.messages.get(last.id), history }
    }
  }
}

/** The reply that regenerate and continue write into: the chat's last message, a finished reply to a message. */
export function lastReplyOf(messages: MessageRepository, chatId: string): Message {
  const tail = messages.recent(chatId, 2)
  const last = tail[tail.length - 1]
  if (!last || last.role !== 'assistant' || tail.length < 2)
    throw new AppError('INVALID_INPUT', 'There is no reply to redo yet: send a message first.')
  if (last.status === 'streaming') throw new AppError('BUSY', 'A reply is still being written.')
  return last
}

/** The prompt's history up to (not including) the reply being redone. */
async function historyBefore(chatHistory: ChatHistory, reply: Message): Promise<Message[]> {
  const history = await chatHistory.load(reply.chatId)
  const index = history.findIndex((m) => m.id === reply.id)
  return index >= 0 ? history.slice(0, index) : history
}
