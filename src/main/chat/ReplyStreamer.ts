import type { Message } from '../../shared/domain'
import { AppError, toErrorInfo } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { ModelSettingsService } from '../settings/ModelSettingsService'
import type { EventBus } from '../util/EventBus'
import { buildPromptTurns, type PromptTurns } from './buildPromptTurns'
import { buildSystemPrompt, withSystemLore } from './buildSystemPrompt'
import { buildGroupSystemPrompt, groupPromptMessages, speakerContext, speakerLine } from './buildGroupPrompt'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import { noLore, type LorePlacement } from '../hooks/lorePlacement'
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

/** A reply being written: what it belongs to, so deleting that (or starting another in its chat) can see it. */
interface ActiveReply {
  controller: AbortController
  chatId: string
  characterId: string
  messageId: string | null
}

/** Streams replies: prompt -> generation -> batched chat.token events -> saved as it goes -> chat.done. */
export class ReplyStreamer {
  private readonly active = new Map<string, ActiveReply>()
  private readonly running = new Set<Promise<void>>()
  /** Each running reply's run, by stream id (a group message waits for the replies it stopped). */
  private readonly runs = new Map<string, { chatId: string; run: Promise<void> }>()
  /** Per chat, the first message of the last prompt (see buildPromptTurns' hysteresis). */
  private readonly windowStarts = new Map<string, string | null>()
  /** Group chats whose last prompt ended with a speaker's own context, which the next prompt no longer shows. */
  private readonly ownContextChats = new Set<string>()
  private readonly replyTokens = new ReplyTokens()

  constructor(private readonly deps: ReplyStreamerDeps) {}

  /** Starts a reply run under the caller's stream id (ChatService checks that no running reply has it). */
  start(scope: TurnScope, streamId: string, plan: ReplyPlan): void {
    const entry: ActiveReply = {
      controller: new AbortController(),
      chatId: scope.chat.id,
      characterId: scope.character.id,
      messageId: plan.messageId ?? null
    }
    this.active.set(streamId, entry)
    this.deps.events.emit('chat.replyStarted', { streamId, chatId: scope.chat.id, characterId: scope.character.id })
    const run = this.run(scope, streamId, entry, plan)
      // run() reports its own failures as chat.error; anything left would be a bug, and must not end the process.
      .catch((error: unknown) => console.error(`[chat] reply ${streamId} failed unexpectedly:`, error))
      .finally(() => {
        this.running.delete(run)
        if (this.runs.get(streamId)?.run === run) this.runs.delete(streamId)
      })
    this.running.add(run)
    this.runs.set(streamId, { chatId: scope.chat.id, run })
  }

  /** Resolves when the chat's replies other than `exceptStreamId` have ended (stopped ones save their text first). */
  async settleChat(chatId: string, exceptStreamId: string): Promise<void> {
    const others = [...this.runs].filter(([id, r]) => id !== exceptStreamId && r.chatId === chatId)
    await Promise.allSettled(others.map(([, r]) => r.run))
  }

  /** From start until its reply is saved and its end event sent (both in one turn of the event loop). */
  isActive(streamId: string): boolean {
    return this.active.has(streamId)
  }

  /** A reply of this chat is being prepared or written: a second one would interleave with it. */
  isChatBusy(chatId: string): boolean {
    return [...this.active.values()].some((a) => a.chatId === chatId)
  }

  /** This message is the target of a running reply (from the request on, before its stream has started). */
  isMessageBusy(messageId: string): boolean {
    return [...this.active.values()].some((a) => a.messageId === messageId)
  }

  cancel(streamId: string): boolean {
    const entry = this.active.get(streamId)
    entry?.controller.abort()
    return entry !== undefined
  }

  /** Stops the replies that match (their chat, character or message is being deleted); returns how many. */
  cancelWhere(match: (reply: { chatId: string; characterId: string; messageId: string | null }) => boolean): number {
    const matching = [...this.active.values()].filter(match)
    for (const entry of matching) entry.controller.abort()
    return matching.length
  }

  /** A deleted chat's prompt window is gone with it. */
  forgetChat(chatId: string): void {
    this.windowStarts.delete(chatId)
    this.ownContextChats.delete(chatId)
  }

  /** A message's text changed outside generation (an edit): its generated tokens no longer spell it. */
  forgetTokens(messageId: string): void {
    this.replyTokens.forget(messageId)
  }

  /** Until no reply runs, including those a finished one started (a group's auto mode). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }

  async dispose(): Promise<void> {
    for (const entry of this.active.values()) entry.controller.abort()
    await this.settle()
  }

  private async run(scope: TurnScope, streamId: string, entry: ActiveReply, plan: ReplyPlan): Promise<void> {
    const { events, messages, runtime, settings, hooks } = this.deps
    const { controller } = entry
    const signal = controller.signal
    const chatId = scope.chat.id
    let target: SaveTarget | null = null
    let text = plan.prefix
    /** Why saving stopped the stream: its message was deleted, or the write failed (boxed: the cause is unknown). */
    let saveFailure: { error: unknown } | null = null
    const save = (status: Message['status']): void => {
      if (!target || saveFailure) return
      try {
        if (!saveText(messages, target, text, status)) saveFailure = { error: deletedWhileWriting() }
      } catch (error) {
        saveFailure = { error }
      }
      if (saveFailure) controller.abort()
    }
    // Read through functions: TypeScript would narrow the variable to `null` for good, as only `save` sets it.
    const failedSave = (): { error: unknown } | null => saveFailure
    const throwIfSaveFailed = (): void => {
      const failure = failedSave()
      if (failure) throw failure.error
    }
    const release = runtime.holdForReply()
    try {
      await runtime.useLorasFor(scope.character.loras)
      if (signal.aborted) throw cancelled()
      const prepared = await plan.prepare(signal)
      const reply = prepared.reply
      // A regeneration writes into its own swipe, whichever version the message shows meanwhile.
      target = { id: reply.id, swipeIndex: reply.swipes.length > 0 ? reply.swipeIndex : null }
      entry.messageId = reply.id
      const replyId = reply.id
      const appSettings = settings.get()
      const status = await runtime.status()
      const contextSize = status.contextSize ?? 2048
      const sampling = this.deps.modelSettings.samplingFor(status.metadata, appSettings.sampling)
      const modelKey = runtime.modelKey
      const ownContext = scope.group ? this.groupContext(scope, reply) : ''
      // Gone from this prompt: its tokens leave the KV cache and what followed them stays (as a history cut's do).
      const dropsOwnContext = this.ownContextChats.delete(chatId)
      if (ownContext) this.ownContextChats.add(chatId)
      // A group member's reply continues an open "Name:" turn, so the model knows who speaks.
      const isContinuation = plan.prefix.length > 0 || scope.group !== undefined
      const messagesInPrompt = scope.group
        ? [
            ...groupPromptMessages(prepared.history, ownContext),
            { ...reply, content: speakerLine(scope.character.name, plan.prefix) }
          ]
        : isContinuation
          ? [...prepared.history, { ...reply, content: plan.prefix }]
          : prepared.history
      const previousStart = this.windowStarts.get(chatId)
      const lore = this.placeLore(scope, messagesInPrompt, isContinuation)
      const prompt = this.buildPrompt(
        scope,
        messagesInPrompt,
        Math.max(256, contextSize - sampling.maxTokens - 16),
        isContinuation,
        modelKey,
        lore
      )
      this.windowStarts.set(chatId, prompt.startId)
      if (prompt.droppedMessageIds.length > 0) hooks.onHistoryDropped?.(scope, prompt.droppedMessageIds)
      const characterId = scope.character.id
      const batcher = new TokenBatcher((chunk, seq) => {
        events.emit('chat.token', { streamId, chatId, characterId, seq, text: chunk })
        save('streaming')
      })
      // In a group nobody writes another member's lines either.
      const speakers = [scope.user.name, ...(scope.group?.members.map((m) => m.name) ?? [])]
      const stream = runtime.stream({
        turns: prompt.turns,
        sampling,
        stopStrings: [...speakers.map((name) => `\n${name}:`), ...appSettings.stopStrings],
        signal,
        isContinuation,
        isHistoryCut: (previousStart !== undefined && prompt.startId !== previousStart) || dropsOwnContext
      })
      for await (const chunk of stream.chunks) {
        text += chunk
        batcher.push(chunk)
      }
      batcher.flush()
      const result = await stream.result
      throwIfSaveFailed()
      this.active.delete(streamId)
      // Stored exactly as generated: trimming would change its tokens and force the KV cache to re-read it.
      text = plan.prefix + result.text
      save(result.stopReason === 'cancelled' ? 'cancelled' : 'complete')
      throwIfSaveFailed()
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
      this.active.delete(streamId)
      // A stream stopped on purpose (Stop, or a deletion of what it wrote into) ends as CANCELLED whatever it threw.
      const failure = failedSave()
      const info = toErrorInfo(failure ? failure.error : signal.aborted ? cancelledBy(error) : error)
      if (target && !failure) save(info.code === 'CANCELLED' ? 'cancelled' : 'error')
      events.emit('chat.error', {
        streamId,
        chatId,
        characterId: scope.character.id,
        error: info,
        message: target ? messages.find(target.id) : null
      })
    } finally {
      release()
    }
  }

  /**
   * The lore for this generation, scanned once (timed effects and draws advance with each scan); a new reply or a
   * new version records what fired on its user message, for the reply's "used" list.
   */
  private placeLore(scope: TurnScope, history: readonly Message[], isContinuation: boolean): LorePlacement {
    const { hooks, messages } = this.deps
    if (!hooks.placeLore) return noLore()
    // The reply's own message is stored already; SillyTavern counts the chat without it (with it when continuing).
    const chatLength = messages.count(scope.chat.id) - (isContinuation ? 0 : 1)
    const lore = hooks.placeLore(scope, history, chatLength)
    const asked = history.findLast((m) => m.role === 'user')
    if (asked && !isContinuation) messages.setLoreEntries(asked.id, lore.entryIds)
    // Continuing a reply, lore for depth 0 goes before it, not after the text being continued (as in SillyTavern).
    return isContinuation ? { ...lore, inChat: lore.inChat.map((i) => (i.depth === 0 ? { ...i, depth: 1 } : i)) } : lore
  }

  /** The prompt within the token budget, earlier replies as the tokens they were generated as. */
  private buildPrompt(
    scope: TurnScope,
    messages: Message[],
    budget: number,
    isContinuation: boolean,
    modelKey: string | null,
    lore: LorePlacement
  ): PromptTurns {
    const { runtime, hooks } = this.deps
    const pinned = hooks.pinnedMemories?.(scope) ?? []
    // A group's shared prompt has no one member's definitions to place lore around: lore before the characters
    // opens it, lore after them closes it; @depth lore goes into the chat (injections) as in a one-to-one chat.
    const systemPrompt = scope.group
      ? withSystemLore(buildGroupSystemPrompt(scope.group, scope.character, scope.user, pinned), lore)
      : buildSystemPrompt(scope.character, scope.user, pinned, lore)
    const build = (maxPromptTokens: number): PromptTurns =>
      buildPromptTurns({
        systemPrompt,
        messages,
        countTokens: (t) => runtime.countTokens(t),
        maxPromptTokens,
        previousStartId: this.windowStarts.get(scope.chat.id),
        tokensOf: (m) => this.replyTokens.tokensOf(m, modelKey),
        injections: lore.inChat
      })
    const prompt = build(budget)
    // The budget counts text tokens plus an estimate per turn; the chat template's real markers can cost more.
    const exact = runtime.countPromptTokens(prompt.turns, isContinuation)
    return exact > budget ? build(Math.floor((budget * prompt.estimatedTokens) / exact)) : prompt
  }

  /**
   * What only this group reply's speaker reads at the end of its prompt: what was recalled for it (kept on the reply)
   * and, in join mode, its pinned memories (the shared system prompt cannot hold one member's).
   */
  private groupContext(scope: TurnScope, reply: Message): string {
    const pinned = scope.group?.group.promptMode === 'join' ? (this.deps.hooks.pinnedMemories?.(scope) ?? []) : []
    return speakerContext(scope.character, pinned, reply.injectedContext)
  }
}

interface SaveTarget {
  id: string
  /** The swipe this run writes, or null for a message without swipes. */
  swipeIndex: number | null
}

/**
 * Writes the reply text (into its own swipe when the message has swipes); false when the message is gone (deleted
 * while it streamed). The read and the writes run in one turn of the event loop, so nothing deletes it in between.
 */
function saveText(messages: MessageRepository, target: SaveTarget, text: string, status: Message['status']): boolean {
  const message = messages.find(target.id)
  if (!message) return false
  let shown = text
  if (target.swipeIndex !== null && target.swipeIndex < message.swipes.length) {
    const swipes = [...message.swipes]
    swipes[target.swipeIndex] = text
    messages.setSwipes(target.id, swipes, message.swipeIndex)
    shown = swipes[message.swipeIndex] ?? text
  }
  messages.updateContent(target.id, shown, status)
  return true
}

function deletedWhileWriting(): AppError {
  return new AppError('CANCELLED', 'The reply stopped: its message or chat was deleted.')
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The reply was stopped.')
}

/** The error a stopped stream reports: its own when it is already CANCELLED (it may say why), else a plain stop. */
function cancelledBy(error: unknown): AppError {
  return error instanceof AppError && error.code === 'CANCELLED' ? error : cancelled()
}
