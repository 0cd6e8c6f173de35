import type { Message } from '../../shared/domain'
import { toErrorInfo } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { ModelSettingsStore } from '../models/ModelSettingsStore'
import type { EventBus } from '../util/EventBus'
import { newId } from '../util/ids'
import { buildPromptTurns, type PromptTurns } from './buildPromptTurns'
import { buildSystemPrompt } from './buildSystemPrompt'
import type { ChatHooks, TurnScope } from './chatTypes'
import { ReplyTokens } from './ReplyTokens'
import { TokenBatcher } from './TokenBatcher'

/** What a reply run writes into: a fresh message, a new swipe of an old one, or the end of a cut-off one. */
export interface ReplyPlan {
  /** Runs first, inside the stream: stores what must exist before generating and returns the target. */
  prepare(): Promise<{ reply: Message; history: Message[] }>
  /** Text already in the reply that generation continues. */
  prefix: string
}

export interface ReplyStreamerDeps {
  runtime: LlmRuntime
  events: EventBus
  messages: MessageRepository
  settings: SettingsService
  modelSettings: ModelSettingsStore
  hooks: ChatHooks
}

/** Streams replies: prompt -> generation -> batched chat.token events -> saved as it goes -> chat.done. */
export class ReplyStreamer {
  private readonly active = new Map<string, AbortController>()
  private readonly running = new Set<Promise<void>>()
  /** Per chat, the first message of the last prompt (see buildPromptTurns' hysteresis). */
  private readonly windowStarts = new Map<string, string | null>()
  private readonly replyTokens = new ReplyTokens()

  constructor(private readonly deps: ReplyStreamerDeps) {}

  start(scope: TurnScope, plan: ReplyPlan): string {
    const streamId = newId()
    const controller = new AbortController()
    this.active.set(streamId, controller)
    const run = this.run(scope, streamId, controller.signal, plan).finally(() => this.running.delete(run))
    this.running.add(run)
    return streamId
  }

  /** From start until its reply is saved and its end event sent (both in one turn of the event loop). */
  isActive(streamId: string): boolean {
    return this.active.has(streamId)
  }

  cancel(streamId: string): boolean {
    const controller = this.active.get(streamId)
    controller?.abort()
    return controller !== undefined
  }

  /** A message's text changed outside generation (an edit): its generated tokens no longer spell it. */
  forgetTokens(messageId: string): void {
    this.replyTokens.forget(messageId)
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.running])
  }

  async dispose(): Promise<void> {
    for (const controller of this.active.values()) controller.abort()
    await this.settle()
  }

  private async run(scope: TurnScope, streamId: string, signal: AbortSignal, plan: ReplyPlan): Promise<void> {
    const { events, messages, runtime, settings, hooks } = this.deps
    const chatId = scope.chat.id
    let reply: Message | null = null
    let text = plan.prefix
    const release = runtime.holdForReply()
    try {
      await runtime.useLorasFor(scope.character.loras)
      const prepared = await plan.prepare()
      reply = prepared.reply
      const replyId = reply.id
      const appSettings = settings.get()
      const status = await runtime.status()
      const contextSize = status.contextSize ?? 2048
      const sampling = this.deps.modelSettings.samplingFor(status.path, appSettings.sampling)
      const modelKey = runtime.modelKey
      const isContinuation = plan.prefix.length > 0
      const messagesInPrompt = isContinuation
        ? [...prepared.history, { ...reply, content: plan.prefix }]
        : prepared.history
      const previousStart = this.windowStarts.get(chatId)
      const prompt = this.buildPrompt(
        scope,
        messagesInPrompt,
        Math.max(256, contextSize - sampling.maxTokens - 16),
        isContinuation,
        modelKey
      )
      this.windowStarts.set(chatId, prompt.startId)
      if (prompt.droppedMessageIds.length > 0) hooks.onHistoryDropped?.(scope, prompt.droppedMessageIds)
      const batcher = new TokenBatcher((chunk, seq) => {
        events.emit('chat.token', { streamId, chatId, seq, text: chunk })
        saveText(messages, replyId, text, 'streaming')
      })
      const stream = runtime.stream({
        turns: prompt.turns,
        sampling,
        stopStrings: [`\n${scope.user.name}:`, ...appSettings.stopStrings],
        signal,
        isContinuation,
        isHistoryCut: previousStart !== undefined && prompt.startId !== previousStart
      })
      for await (const chunk of stream.chunks) {
        text += chunk
        batcher.push(chunk)
      }
      batcher.flush()
      const result = await stream.result
      this.active.delete(streamId)
      // Stored exactly as generated: trimming would change its tokens and force the KV cache to re-read it.
      saveText(
        messages,
        replyId,
        plan.prefix + result.text,
        result.stopReason === 'cancelled' ? 'cancelled' : 'complete'
      )
      this.replyTokens.remember(replyId, modelKey, plan.prefix + result.text, result.turnTokens)
      const saved = messages.get(replyId)
      events.emit('chat.done', { streamId, chatId, message: saved })
      hooks.onReply?.(scope, saved)
    } catch (error) {
      this.active.delete(streamId)
      const info = toErrorInfo(error)
      if (reply) saveText(messages, reply.id, text, info.code === 'CANCELLED' ? 'cancelled' : 'error')
      events.emit('chat.error', { streamId, chatId, error: info, message: reply ? messages.get(reply.id) : null })
    } finally {
      release()
    }
  }

  /** The prompt within the token budget, earlier replies as the tokens they were generated as. */
  private buildPrompt(
    scope: TurnScope,
    messages: Message[],
    budget: number,
    isContinuation: boolean,
    modelKey: string | null
  ): PromptTurns {
    const { runtime, hooks } = this.deps
    const build = (maxPromptTokens: number): PromptTurns =>
      buildPromptTurns({
        systemPrompt: buildSystemPrompt(scope.character, scope.user, hooks.pinnedMemories?.(scope) ?? []),
        messages,
        countTokens: (t) => runtime.countTokens(t),
        maxPromptTokens,
        previousStartId: this.windowStarts.get(scope.chat.id),
        tokensOf: (m) => this.replyTokens.tokensOf(m, modelKey)
      })
    const prompt = build(budget)
    // The budget counts text tokens plus an estimate per turn; the chat template's real markers can cost more.
    const exact = runtime.countPromptTokens(prompt.turns, isContinuation)
    return exact > budget ? build(Math.floor((budget * prompt.estimatedTokens) / exact)) : prompt
  }
}

/** Writes the reply text, and into its current swipe when the message has swipes (regenerations). */
function saveText(messages: MessageRepository, id: string, text: string, status: Message['status']): void {
  const message = messages.get(id)
  if (message.swipes.length > 0) {
    const swipes = [...message.swipes]
    swipes[message.swipeIndex] = text
    messages.setSwipes(id, swipes, message.swipeIndex)
  }
  messages.updateContent(id, text, status)
}
