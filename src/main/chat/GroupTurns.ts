import type { Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import type { GroupCast } from '../hooks/groupCast'
import { newId } from '../util/ids'
import type { ChatHistory } from './ChatHistory'
import type { ReplyStreamer } from './ReplyStreamer'

export interface GroupTurnsDeps {
  messages: MessageRepository
  hooks: ChatHooks
  cast: GroupCast
  streamer: ReplyStreamer
  history: ChatHistory
}

/**
 * Replies in a group chat: who answers, each member's reply in its own persona, and auto mode (members answering
 * each other up to the group's limit, stopped at once by the user's next message or by Stop).
 */
export class GroupTurns {
  /** Per chat, the auto-mode chain running now; a chain whose entry is gone or replaced stops. */
  private readonly chains = new Map<string, number>()
  /** The chain each stream belongs to, so Stop on any of its replies ends it. */
  private readonly streamChats = new Map<string, string>()
  private nextChain = 0

  constructor(private readonly deps: GroupTurnsDeps) {}

  /** The user's message is stored; the chosen member answers (null: nobody yet, e.g. manual mode). */
  send(scope: TurnScope, userMessage: Message, streamId: string): string | null {
    const group = scope.group!
    const history = this.deps.messages.recent(scope.chat.id, 20)
    const speakerId = this.deps.cast.nextSpeaker(group, { chatId: scope.chat.id, last: userMessage, history })
    if (speakerId === null) return null
    this.startChain(this.withSpeaker(scope, speakerId), streamId)
    return speakerId
  }

  /** The scope's character (a member: see withSpeaker) answers now, whatever the talk mode. */
  speak(scope: TurnScope, streamId: string): void {
    this.stop(scope.chat.id)
    this.startChain(scope, streamId)
  }

  /** The user spoke or pressed Stop: no further auto-mode reply starts, and the running one stops. */
  stop(chatId: string): void {
    this.chains.delete(chatId)
    this.deps.streamer.cancelWhere((reply) => reply.chatId === chatId)
  }

  /** Stop on one reply of a chain ends the chain too. */
  cancel(streamId: string): void {
    const chatId = this.streamChats.get(streamId)
    if (chatId !== undefined) this.chains.delete(chatId)
  }

  forgetChat(chatId: string): void {
    this.chains.delete(chatId)
  }

  /** The scope of a member's turn: a member of the group now, or a typed error. */
  withSpeaker(scope: TurnScope, characterId: string | null): TurnScope {
    const member = scope.group!.members.find((m) => m.id === characterId)
    if (!member) {
      throw new AppError(
        'NOT_FOUND',
        'That character is not a member of this group any more (removed or deleted), so it cannot speak here.'
      )
    }
    return { ...scope, character: member }
  }

  private startChain(scope: TurnScope, streamId: string): void {
    const chain = ++this.nextChain
    this.chains.set(scope.chat.id, chain)
    this.startReply(scope, streamId, chain, scope.group!.group.isAutoMode ? scope.group!.group.autoModeMaxReplies : 1)
  }

  private startReply(scope: TurnScope, streamId: string, chain: number, remaining: number): void {
    const chatId = scope.chat.id
    this.streamChats.set(streamId, chatId)
    this.deps.streamer.start(scope, streamId, {
      prefix: '',
      prepare: async (signal) => {
        // Replies this one replaced (the user spoke during them) save what they wrote first, so the order holds.
        await this.deps.streamer.settleChat(chatId, streamId)
        return this.newReply(scope, await this.deps.history.load(chatId), signal)
      },
      onDone: (saved) => {
        this.streamChats.delete(streamId)
        if (remaining > 1 && this.chains.get(chatId) === chain) this.next(scope, saved, chain, remaining - 1)
      }
    })
  }

  /** Auto mode: the next member answers the reply just saved, with the group as it is now (mutes, members). */
  private next(scope: TurnScope, last: Message, chain: number, remaining: number): void {
    let group
    try {
      group = this.deps.cast.load(scope.chat.groupId!)
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return
      throw error
    }
    if (!group.group.isAutoMode) return
    const history = this.deps.messages.recent(scope.chat.id, 20)
    const speakerId = this.deps.cast.nextSpeaker(group, { chatId: scope.chat.id, last, history })
    const speaker = group.members.find((m) => m.id === speakerId)
    if (!speaker) return
    this.startReply({ ...scope, group, character: speaker }, newId(), chain, remaining)
  }

  /**
   * The speaker's empty reply. What was recalled for the speaker alone (its memories) is kept on the reply and shown
   * at the end of this prompt only (see groupPromptMessages); what every member may see (the user's tone) is kept
   * with the user's message, once, so every later prompt shows it the same way (a stable prefix for the KV cache).
   */
  private async newReply(
    scope: TurnScope,
    loaded: Message[],
    signal: AbortSignal
  ): Promise<{ reply: Message; history: Message[] }> {
    const { messages, hooks } = this.deps
    let history = loaded
    const trigger = history.findLast((m) => m.role === 'user')
    const context = trigger && hooks.buildContext ? await hooks.buildContext(scope, trigger, history) : null
    // Checked right before the writes (no await between): a reply stopped meanwhile writes nothing.
    if (signal.aborted) throw new AppError('CANCELLED', 'The reply was stopped.')
    const own = context?.ownText ?? ''
    const common = context ? withoutPart(context.text, own) : ''
    if (trigger && common && !trigger.injectedContext) {
      messages.setContext(trigger.id, common, trigger.memoryIds)
      history = history.map((m) => (m.id === trigger.id ? { ...m, injectedContext: common } : m))
    }
    const reply = messages.insert({
      chatId: scope.chat.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      characterId: scope.character.id,
      speakerName: scope.character.name,
      injectedContext: own,
      memoryIds: context?.memoryIds ?? []
    })
    if (context?.loreEntryIds?.length) messages.setLoreEntries(reply.id, context.loreEntryIds)
    return { reply, history }
  }
}

/** The combined context without one hook's part (they are joined by newlines). */
function withoutPart(text: string, part: string): string {
  if (!part) return text
  return text.replace(`${part}\n`, '').replace(`\n${part}`, '').replace(part, '')
}
