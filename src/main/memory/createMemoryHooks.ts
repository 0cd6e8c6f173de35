import type { Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { Db } from '../db/openDatabase'
import { listenersOf, type ChatHooks, type TurnScope } from '../hooks/chatHooks'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import { detectForgetCommand } from './detectForgetCommand'
import { extractFacts } from './extractFacts'
import { extractFactsWithModel } from './extractFactsWithModel'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { MemoryService, Owner } from './MemoryService'
import { MemoryJobs } from './MemoryJobs'
import { summarizeMessages } from './summarizeMessages'
import { readCut } from './readCut'
import { retryWhenBusy } from '../util/retryWhenBusy'

export interface MemoryHookDeps {
  memory: MemoryService
  repository: MemoryRepository
  runtime: LlmRuntime
  settings: SettingsService
  messages: MessageRepository
  background: BackgroundTasks
  /** Where the durable job queue lives (the app database). */
  db: Db
  /** The chat, character and user of a chat, for jobs resumed after a restart (throws NOT_FOUND when gone). */
  loadScope: (chatId: string) => TurnScope
}

const ownerOf = (scope: TurnScope): Owner => ({ characterId: scope.character.id, userId: scope.user.id })

/**
 * Memory in the chat turn: store and extract right after the user's message (rules: milliseconds), recall before
 * the reply, ask the model for more facts only after the reply so it never competes with it. Both kinds of work are
 * rows in SQLite (MemoryJobs) until done, so a crash or a pre-empting reply delays them instead of losing them.
 */
export function createMemoryHooks(deps: MemoryHookDeps): ChatHooks & { resume(): void } {
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

  /** Cuts (by their last message) whose summary job is queued or done in this session. */
  const summarising = new Set<string>()

  /** In a group chat every member heard the user: each remembers it (with the group chat as source). */
  const ingest = async (scope: TurnScope, message: Message): Promise<void> => {
    for (const character of listenersOf(scope)) await ingestFor({ ...scope, character }, message)
  }

  const ingestFor = async (scope: TurnScope, message: Message): Promise<void> => {
    const command = detectForgetCommand(message.content)
    if (command) return forget(scope, message, command)
    // Resumed after a crash that came after the turn was stored: it is not stored twice.
    const stored = deps.repository.bySourceMessage(message.id)
    if (stored.some((m) => m.kind === 'message' && m.characterId === scope.character.id)) return
    const before = deps.messages.before(message.id, 1)[0]
    await deps.memory.ingest({
      previous: before
        ? {
            messageId: before.id,
            speaker: before.role === 'user' ? scope.user.name : (before.speakerName ?? scope.character.name),
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
  }

  const extract = async (scope: TurnScope, userMessage: Message): Promise<void> => {
    if (!deps.settings.get().isModelMemoryExtractionOn) return
    if (!deps.runtime.isLoaded) throw new AppError('MODEL_NOT_LOADED', 'Facts are extracted once a model is loaded.')
    const facts = await retryWhenBusy(() =>
      extractFactsWithModel(
        (r) => deps.runtime.generateJson(r),
        userMessage.content,
        scope.user.name,
        userMessage.createdAt.slice(0, 10)
      )
    )
    if (facts.length === 0) return
    for (const character of listenersOf(scope)) {
      await deps.memory.addFacts({
        ...ownerOf({ ...scope, character }),
        chatId: scope.chat.id,
        messageId: userMessage.id,
        speaker: scope.user.name,
        at: userMessage.createdAt,
        facts
      })
    }
  }

  /** Every member heard the cut turns: each that has no summary of them yet gets the same one (made once). */
  const summarize = async (scope: TurnScope, fromId: string | null, last: Message): Promise<void> => {
    const summarised = new Set(
      deps.repository
        .bySourceMessage(last.id)
        .filter((m) => m.kind === 'summary')
        .map((m) => m.characterId)
    )
    const owners = listenersOf(scope).filter((character) => !summarised.has(character.id))
    if (owners.length === 0) return
    const cut = readCut(deps.messages, scope.chat.id, fromId, last)
    const names = { char: owners.map((c) => c.name).join(', '), user: scope.user.name }
    const summary = await summarizeMessages(cut, names, deps.runtime)
    for (const character of owners) {
      await deps.memory.addSummary(
        ownerOf({ ...scope, character }),
        scope.chat.id,
        summary,
        cut.map((m) => m.id),
        last.createdAt
      )
    }
  }

  const jobs = new MemoryJobs(deps.db, async (job) => {
    const message = deps.messages.find(job.messageId)
    if (!message) return
    const scope = deps.loadScope(job.chatId)
    if (job.kind === 'summarize') await summarize(scope, job.fromMessageId, message)
    else await (job.kind === 'ingest' ? ingest(scope, message) : extract(scope, message))
  })

  /** Storing, indexing and asking the model can wait a few seconds; the reply the user is waiting for cannot. */
  const drainWhenIdle = (label: string, chatId?: string): void =>
    deps.background.run(label, async () => {
      await deps.runtime.whenChatIdle()
      await jobs.drain({ chatId })
    })

  return {
    resume() {
      if (jobs.pending().length > 0) drainWhenIdle('memory work left by the last run')
    },

    onUserMessage(scope, message) {
      jobs.add('ingest', scope.chat.id, message.id)
      drainWhenIdle('memory ingest', scope.chat.id)
    },

    async onMessagesDeleted(_chatId, messageIds, options) {
      await deps.memory.forgetSources(messageIds, options.keepMemories)
    },

    async buildContext(scope, message, history) {
      // What was said before this message must be findable now, even if the chat was never idle since.
      await jobs.drain({ chatId: scope.chat.id, exceptMessageId: message.id, kinds: ['ingest'] })
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
      return { text: recalled.block, ownText: recalled.block, memoryIds: recalled.used.map((m) => m.id) }
    },

    pinnedMemories: (scope) => deps.memory.pinnedTexts(ownerOf(scope)),

    onReply(scope, reply) {
      if (!deps.settings.get().isModelMemoryExtractionOn || !deps.runtime.isLoaded) return
      const userMessage = deps.messages
        .before(reply.id, 20)
        .reverse()
        .find((m) => m.role === 'user')
      if (userMessage && !detectForgetCommand(userMessage.content)) jobs.add('extract', scope.chat.id, userMessage.id)
      // Also runs what an earlier reply pre-empted.
      drainWhenIdle('model memory extraction', scope.chat.id)
    },

    onHistoryDropped(scope, messageIds) {
      const firstId = messageIds[0]
      const lastId = messageIds[messageIds.length - 1]
      // The same cut is reported every turn until the window moves again: one summary job per cut.
      if (!firstId || !lastId || summarising.has(lastId)) return
      summarising.add(lastId)
      // A row in SQLite, so a restart before it ran resumes it. It runs after the reply, never before or during it:
      // the user is waiting for the reply (and a 10,000-message chat's first cut is most of what was read).
      jobs.add('summarize', scope.chat.id, lastId, firstId)
      drainWhenIdle('session summary', scope.chat.id)
    }
  }
}
