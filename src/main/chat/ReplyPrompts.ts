import type { Message } from '../../shared/domain'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import { noLore, type LorePlacement } from '../hooks/lorePlacement'
import { buildPromptTurns, type PromptTurns } from './buildPromptTurns'
import { buildSystemPrompt, withSystemLore } from './buildSystemPrompt'
import { buildGroupSystemPrompt, groupPromptMessages, speakerContext, speakerLine } from './buildGroupPrompt'
import type { ReplyTokens } from './ReplyTokens'

export interface ReplyPromptsDeps {
  runtime: LlmRuntime
  messages: MessageRepository
  hooks: ChatHooks
  replyTokens: ReplyTokens
}

/** What one reply run is generated from: its prompt, and how the runtime should treat it against the KV cache. */
export interface ReplyPrompt {
  turns: PromptTurns['turns']
  /** The reply goes on from text already in the prompt (a continued reply, or a group member's open "Name:" turn). */
  isContinuation: boolean
  /** The prompt no longer starts where the last one did (or lost a speaker's own context): the cache is cut. */
  isHistoryCut: boolean
}

/**
 * Builds each reply's prompt, and remembers per chat where the last prompt's window started, so the next one keeps
 * the same start while it fits (buildPromptTurns' hysteresis) and the KV cache stays valid.
 */
export class ReplyPrompts {
  /** Per chat, the first message of the last prompt. */
  private readonly windowStarts = new Map<string, string | null>()
  /** Group chats whose last prompt ended with a speaker's own context, which the next prompt no longer shows. */
  private readonly ownContextChats = new Set<string>()

  constructor(private readonly deps: ReplyPromptsDeps) {}

  /** The prompt for `reply` after `history`, within `budget` tokens; `prefix` is the text the reply already has. */
  assemble(
    scope: TurnScope,
    prepared: { reply: Message; history: Message[] },
    prefix: string,
    budget: number,
    modelKey: string | null
  ): ReplyPrompt {
    const { reply, history } = prepared
    const chatId = scope.chat.id
    const ownContext = scope.group ? this.groupContext(scope, reply) : ''
    // Gone from this prompt: its tokens leave the KV cache and what followed them stays (as a history cut's do).
    const dropsOwnContext = this.ownContextChats.delete(chatId)
    if (ownContext) this.ownContextChats.add(chatId)
    // A group member's reply continues an open "Name:" turn, so the model knows who speaks.
    const isContinuation = prefix.length > 0 || scope.group !== undefined
    const messagesInPrompt = scope.group
      ? [...groupPromptMessages(history, ownContext), { ...reply, content: speakerLine(scope.character.name, prefix) }]
      : isContinuation
        ? [...history, { ...reply, content: prefix }]
        : history
    const previousStart = this.windowStarts.get(chatId)
    const lore = this.placeLore(scope, messagesInPrompt, isContinuation)
    const prompt = this.buildPrompt(scope, messagesInPrompt, budget, isContinuation, modelKey, lore)
    this.windowStarts.set(chatId, prompt.startId)
    if (prompt.droppedMessageIds.length > 0) this.deps.hooks.onHistoryDropped?.(scope, prompt.droppedMessageIds)
    return {
      turns: prompt.turns,
      isContinuation,
      isHistoryCut: (previousStart !== undefined && prompt.startId !== previousStart) || dropsOwnContext
    }
  }

  /** A deleted chat's prompt window is gone with it. */
  forgetChat(chatId: string): void {
    this.windowStarts.delete(chatId)
    this.ownContextChats.delete(chatId)
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
    const { runtime, hooks, replyTokens } = this.deps
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
        tokensOf: (m) => replyTokens.tokensOf(m, modelKey),
        injections: lore.inChat
      })
    const prompt = build(budget)
    // The budget counts text tokens plus an estimate per turn; the chat template's real markers can cost more.
    const exact = runtime.countPromptTokens(prompt.turns, isContinuation)
    return exact > budget ? build(Math.floor((budget * prompt.estimatedTokens) / exact)) : prompt
  }

  /**
   * What only this group reply's speaker reads at the end of its prompt: what was recalled for it (kept on the reply)
   * and, in join mode, its full profile and pinned memories (the shared system prompt holds the members in short).
   */
  private groupContext(scope: TurnScope, reply: Message): string {
    const promptMode = scope.group?.group.promptMode ?? 'swap'
    const pinned = promptMode === 'join' ? (this.deps.hooks.pinnedMemories?.(scope) ?? []) : []
    return speakerContext({
      promptMode,
      speaker: scope.character,
      user: scope.user,
      pinned,
      recalled: reply.injectedContext
    })
  }
}
