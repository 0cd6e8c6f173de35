import type { Message } from '../../shared/domain'
import { toErrorInfo } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { ModelSettingsStore } from '../models/ModelSettingsStore'
import type { EventBus } from '../util/EventBus'
import { newId } from '../util/ids'
import { buildPromptTurns } from './buildPromptTurns'
import { buildSystemPrompt } from './buildSystemPrompt'
import type { ChatHooks, TurnScope } from './chatTypes'
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

  constructor(private readonly deps: ReplyStreamerDeps) {}

  start(scope: TurnScope, plan: ReplyPlan): string {
    const streamId = newId()
    const controller = new AbortController()
    this.active.set(streamId, controller)
    const run = this.run(scope, streamId, controller.signal, plan).finally(() => this.running.delete(run))
    this.running.add(run)
    return streamId
  }

  cancel(streamId: string): boolean {
    const controller = this.active.get(streamId)
    controller?.abort()
    return controller !== undefined
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
      const prompt = buildPromptTurns({
        systemPrompt: buildSystemPrompt(scope.character, scope.user, hooks.pinnedMemories?.(scope) ?? []),
        messages: plan.prefix ? [...prepared.history, { ...reply, content: plan.prefix }] : prepared.history,
        countTokens: (t) => runtime.countTokens(t),
        maxPromptTokens: Math.max(256, contextSize - sampling.maxTokens - 16),
        previousStartId: this.windowStarts.get(chatId)
      })
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
        isContinuation: plan.prefix.length > 0
      })
      for await (const chunk of stream.chunks) {
        text += chunk
        batcher.push(chunk)
      }
      batcher.flush()
      const result = await stream.result
      this.active.delete(streamId)
      // Stored exactly as generated: trimming would change its tokens and force the KV cache to re-read it.
      saveText(messages, replyId, plan.prefix + result.text, result.stopReason === 'cancelled' ? 'cancelled' : 'complete')
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
