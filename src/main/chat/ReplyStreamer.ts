import type { Message } from '../../shared/domain'
import { AppError, toErrorInfo } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { ModelSettingsService } from '../settings/ModelSettingsService'
import type { EventBus } from '../util/EventBus'
import { speakerLine } from './buildGroupPrompt'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import { ActiveReplies, type ActiveReply } from './ActiveReplies'
import { ReplyPrompts } from './ReplyPrompts'
import { ReplySaver } from './ReplySaver'
import { ReplyTokens } from './ReplyTokens'
import { TokenBatcher } from './TokenBatcher'

/** What a reply run writes into: a fresh message, a new swipe of an old one, or the end of a cut-off one. */
export interface ReplyPlan {
  /**
   * Runs first, inside the stream: stores what must exist before generating and returns the target. It must not
   * write once `signal` is aborted (the chat may be gone).
   */
  prepare(signal: AbortSignal): Promise<{ reply: Message; history: Message[] }>
  /** Text already in the reply that generation continues. */
  prefix: string
  /** The message written into, when it exists before the run (regenerate, continue). */
  messageId?: string
  /** Called once the reply is saved and chat.done sent (a group's auto mode starts the next member's reply here). */
  onDone?(message: Message): void
}

export interface ReplyStreamerDeps {
  runtime: LlmRuntime
  events: EventBus
  messages: MessageRepository
  settings: SettingsService
  modelSettings: ModelSettingsService
  hooks: ChatHooks
}

/**
 * Streams replies: prompt (ReplyPrompts) -> generation -> batched chat.token events -> saved as it goes (ReplySaver)
 * -> chat.done. The replies running now are kept in ActiveReplies.
 */
export class ReplyStreamer {
  private readonly replies = new ActiveReplies()
  private readonly replyTokens = new ReplyTokens()
  private readonly prompts: ReplyPrompts

  constructor(private readonly deps: ReplyStreamerDeps) {
    this.prompts = new ReplyPrompts({ ...deps, replyTokens: this.replyTokens })
  }

  /** Starts a reply run under the caller's stream id (ChatService checks that no running reply has it). */
  start(scope: TurnScope, streamId: string, plan: ReplyPlan): void {
    const entry: ActiveReply = {
      controller: new AbortController(),
      chatId: scope.chat.id,
      characterId: scope.character.id,
      messageId: plan.messageId ?? null
    }
    this.replies.add(streamId, entry)
    this.deps.events.emit('chat.replyStarted', { streamId, chatId: scope.chat.id, characterId: scope.character.id })
    const run = this.run(scope, streamId, entry, plan)
      // run() reports its own failures as chat.error; anything left would be a bug, and must not end the process.
      .catch((error: unknown) => console.error(`[chat] reply ${streamId} failed unexpectedly:`, error))
    this.replies.track(streamId, scope.chat.id, run)
  }

  /** Resolves when the chat's replies other than `exceptStreamId` have ended (stopped ones save their text first). */
  settleChat(chatId: string, exceptStreamId: string): Promise<void> {
    return this.replies.settleChat(chatId, exceptStreamId)
  }

  /** From start until its reply is saved and its end event sent (both in one turn of the event loop). */
  isActive(streamId: string): boolean {
    return this.replies.isActive(streamId)
  }

  /** A reply of this chat is being prepared or written: a second one would interleave with it. */
  isChatBusy(chatId: string): boolean {
    return this.replies.isChatBusy(chatId)
  }

  /** This message is the target of a running reply (from the request on, before its stream has started). */
  isMessageBusy(messageId: string): boolean {
    return this.replies.isMessageBusy(messageId)
  }

  cancel(streamId: string): boolean {
    return this.replies.cancel(streamId)
  }

  /** Stops the replies that match (their chat, character or message is being deleted); returns how many. */
  cancelWhere(match: (reply: { chatId: string; characterId: string; messageId: string | null }) => boolean): number {
    return this.replies.cancelWhere(match)
  }

  /** A deleted chat's prompt window is gone with it. */
  forgetChat(chatId: string): void {
    this.prompts.forgetChat(chatId)
  }

  /** A message's text changed outside generation (an edit): its generated tokens no longer spell it. */
  forgetTokens(messageId: string): void {
    this.replyTokens.forget(messageId)
  }

  /** Until no reply runs, including those a finished one started (a group's auto mode). */
  settle(): Promise<void> {
    return this.replies.settle()
  }

  async dispose(): Promise<void> {
    this.replies.cancelAll()
    await this.settle()
  }

  private async run(scope: TurnScope, streamId: string, entry: ActiveReply, plan: ReplyPlan): Promise<void> {
    const { events, messages, runtime, settings, hooks } = this.deps
    const { controller } = entry
    const signal = controller.signal
    const chatId = scope.chat.id
    const saver = new ReplySaver(messages, controller)
    let text = plan.prefix
    const release = runtime.holdForReply()
    try {
      await runtime.useLorasFor(scope.character.loras)
      if (signal.aborted) throw cancelled()
      const prepared = await plan.prepare(signal)
      const reply = prepared.reply
      saver.writeInto(reply)
      entry.messageId = reply.id
      const replyId = reply.id
      const appSettings = settings.get()
      const status = await runtime.status()
      const contextSize = status.contextSize ?? 2048
      const sampling = this.deps.modelSettings.samplingFor(status.metadata, appSettings.sampling)
      const modelKey = runtime.modelKey
      const budget = Math.max(256, contextSize - sampling.maxTokens - 16)
      const prompt = this.prompts.assemble(scope, prepared, plan.prefix, budget, modelKey)
      const characterId = scope.character.id
      const batcher = new TokenBatcher((chunk, seq) => {
        events.emit('chat.token', { streamId, chatId, characterId, seq, text: chunk })
        saver.save(text, 'streaming')
      })
      // In a group nobody writes another member's lines either.
      const speakers = [scope.user.name, ...(scope.group?.members.map((m) => m.name) ?? [])]
      const stream = runtime.stream({
        turns: prompt.turns,
        sampling,
        stopStrings: [...speakers.map((name) => `\n${name}:`), ...appSettings.stopStrings],
        signal,
        isContinuation: prompt.isContinuation,
        isHistoryCut: prompt.isHistoryCut
      })
      for await (const chunk of stream.chunks) {
        text += chunk
        batcher.push(chunk)
      }
      batcher.flush()
      const result = await stream.result
      saver.throwIfFailed()
      this.replies.finish(streamId)
      // Stored exactly as generated: trimming would change its tokens and force the KV cache to re-read it.
      text = plan.prefix + result.text
      saver.save(text, result.stopReason === 'cancelled' ? 'cancelled' : 'complete')
      saver.throwIfFailed()
      // A group reply is remembered as the prompt shows it (labelled), which is what its tokens spell.
      this.replyTokens.remember(
        replyId,
        modelKey,
        scope.group ? speakerLine(scope.character.name, text) : text,
        result.turnTokens
      )
      const saved = messages.get(replyId)
      events.emit('chat.done', { streamId, chatId, characterId, message: saved })
      hooks.onReply?.(scope, saved)
      plan.onDone?.(saved)
    } catch (error) {
      this.replies.finish(streamId)
      // A stream stopped on purpose (Stop, or a deletion of what it wrote into) ends as CANCELLED whatever it threw.
      const failure = saver.failed
      const info = toErrorInfo(failure ? failure.error : signal.aborted ? cancelledBy(error) : error)
      const targetId = saver.targetId
      if (targetId !== null && !failure) saver.save(text, info.code === 'CANCELLED' ? 'cancelled' : 'error')
      events.emit('chat.error', {
        streamId,
        chatId,
        characterId: scope.character.id,
        error: info,
        message: targetId !== null ? messages.find(targetId) : null
      })
    } finally {
      release()
    }
  }
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The reply was stopped.')
}

/** The error a stopped stream reports: its own when it is already CANCELLED (it may say why), else a plain stop. */
function cancelledBy(error: unknown): AppError {
  return error instanceof AppError && error.code === 'CANCELLED' ? error : cancelled()
}
