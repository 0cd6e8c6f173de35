import type { Message } from '../../shared/domain'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import { detectForgetCommand } from './detectForgetCommand'
import { extractFacts } from './extractFacts'
import { extractFactsWithModel } from './extractFactsWithModel'
import type { MemoryRepository } from './MemoryRepository'
import type { MemoryService, Owner } from './MemoryService'
import { PendingIngests } from './PendingIngests'
import { summarizeMessages } from './summarizeMessages'
import { retryWhenBusy } from '../util/retryWhenBusy'

export interface MemoryHookDeps {
  memory: MemoryService
  repository: MemoryRepository
  runtime: LlmRuntime
  settings: SettingsService
  messages: MessageRepository
  background: BackgroundTasks
}

const ownerOf = (scope: TurnScope): Owner => ({ characterId: scope.character.id, userId: scope.user.id })

/**
 * Memory in the chat turn: store and extract right after the user's message (rules: milliseconds), recall before
 * the reply, ask the model for more facts only after the reply so it never competes with it.
 */
export function createMemoryHooks(deps: MemoryHookDeps): ChatHooks {
  const forget = async (
    scope: TurnScope,
    message: Message,
    command: NonNullable<ReturnType<typeof detectForgetCommand>>
  ): Promise<void> => {
    if (command.target === 'last') {
      const earlier = deps.messages.before(message.id, 50).filter((m) => m.role === 'user')
      const last = earlier[earlier.length - 1]
      if (last) await deps.memory.forgetMessage(last.id)
    } else {
      const matches = (await deps.memory.search(ownerOf(scope), command.topic, 5)).filter((m) => m.kind !== 'summary')
      await deps.memory.delete(matches.slice(0, 3).map((m) => m.id))
    }
  }

  const pending = new PendingIngests()
  /** Cuts (by their last message) whose summary job is queued or done in this session. */
  const summarising = new Set<string>()

  return {
    onUserMessage(scope, message) {
      pending.add(scope.chat.id, message.id, async () => {
        const command = detectForgetCommand(message.content)
        if (command) return forget(scope, message, command)
        const before = deps.messages.before(message.id, 1)[0]
        await deps.memory.ingest({
          previous: before
            ? {
                messageId: before.id,
                speaker: before.role === 'user' ? scope.user.name : scope.character.name,
                text: before.content
              }
            : undefined,
          ...ownerOf(scope),
          chatId: scope.chat.id,
          messageId: message.id,
          speaker: scope.user.name,
          text: message.content,
          at: message.createdAt,
          facts: extractFacts(message.content, scope.user.name)
        })
      })
      deps.background.run('memory ingest', async () => {
        // Storing and indexing can wait a few seconds; the reply the user is waiting for cannot.
        await deps.runtime.whenChatIdle()
        await pending.flush(scope.chat.id)
      })
    },

    async buildContext(scope, message, history) {
      // What was said before this message must be findable now, even if the chat was never idle since.
      await pending.flush(scope.chat.id, message.id)
      const shown = new Set(history.map((m) => m.id))
      const recalled = await deps.memory.recall({
        ...ownerOf(scope),
        query: message.content,
        now: new Date(),
        tokenBudget: deps.settings.get().memoryTokenBudget,
        header: `What ${scope.character.name} remembers about ${scope.user.name}`,
        speakers: {
          names: [scope.user.name, scope.character.name],
          asker: scope.user.name,
          listener: scope.character.name
        },
        countTokens: deps.runtime.isLoaded ? (text) => deps.runtime.countTokens(text) : undefined,
        // The recent turns are in the prompt already; repeating them as memories wastes the budget.
        exclude: (memory) => memory.kind === 'message' && memory.sourceMessageIds.every((id) => shown.has(id))
      })
      return { text: recalled.block, memoryIds: recalled.used.map((m) => m.id) }
    },

    pinnedMemories: (scope) => deps.memory.pinnedTexts(ownerOf(scope)),

    onReply(scope, reply) {
      if (!deps.settings.get().isModelMemoryExtractionOn || !deps.runtime.isLoaded) return
      const userMessage = deps.messages
        .before(reply.id, 20)
        .reverse()
        .find((m) => m.role === 'user')
      if (!userMessage || detectForgetCommand(userMessage.content)) return
      deps.background.run('model memory extraction', async () => {
        const facts = await retryWhenBusy(() =>
          extractFactsWithModel(
            (r) => deps.runtime.generateJson(r),
            userMessage.content,
            scope.user.name,
            userMessage.createdAt.slice(0, 10)
          )
        )
        if (facts.length === 0) return
        await deps.memory.addFacts({
          ...ownerOf(scope),
          chatId: scope.chat.id,
          messageId: userMessage.id,
          speaker: scope.user.name,
          at: userMessage.createdAt,
          facts
        })
      })
    },

    onHistoryDropped(scope, messageIds) {
      const lastId = messageIds[messageIds.length - 1]
      // The same cut is reported every turn until the window moves again: one summary job per cut.
      if (!lastId || summarising.has(lastId)) return
      summarising.add(lastId)
      deps.background.run('session summary', async () => {
        // The cut history is looked at and summarised after the reply, never before or during it: the user is waiting
        // for the reply (and a 10,000-message chat's first cut is most of the chat).
        await deps.runtime.whenChatIdle()
        if (deps.repository.bySourceMessage(lastId).some((m) => m.kind === 'summary')) return
        const wanted = new Set(messageIds)
        const dropped = deps.messages.since(scope.chat.id, messageIds[0]!).filter((m) => wanted.has(m.id))
        if (dropped.length === 0) return
        const summary = await summarizeMessages(
          dropped,
          { char: scope.character.name, user: scope.user.name },
          deps.runtime
        )
        await deps.memory.addSummary(
          ownerOf(scope),
          scope.chat.id,
          summary,
          messageIds,
          dropped[dropped.length - 1]?.createdAt ?? new Date().toISOString()
        )
      })
    }
  }
}
