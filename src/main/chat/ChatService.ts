import type { ChatMoods, ChatSendResult, DatasetExportInput, FileInput, MessagePage } from '../../shared/contract'
import type { Chat, Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { CharacterRepository } from '../db/repositories/CharacterRepository'
import type { ChatRepository } from '../db/repositories/ChatRepository'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { PagePosition } from '../db/repositories/readMessagePage'
import type { UserRepository } from '../db/repositories/UserRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { ModelSettingsService } from '../settings/ModelSettingsService'
import type { EventBus } from '../util/EventBus'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import type { GroupCast } from '../hooks/groupCast'
import { newId } from '../util/ids'
import { ChatHistory } from './ChatHistory'
import { ChatLifecycle } from './ChatLifecycle'
import { GroupTurns } from './GroupTurns'
import { MessageEdits } from './MessageEdits'
import { ReplyStreamer } from './ReplyStreamer'
import { continuationPlan, lastReplyOf, newReplyPlan, newVersionPlan, type ReplyPlanDeps } from './replyPlans'
import { userMessageText } from './userMessageText'

export type { ChatHooks, TurnContext, TurnScope } from '../hooks/chatHooks'

export interface ChatServiceDeps {
  runtime: LlmRuntime
  events: EventBus
  users: UserRepository
  characters: CharacterRepository
  chats: ChatRepository
  messages: MessageRepository
  settings: SettingsService
  modelSettings: ModelSettingsService
  hooks: ChatHooks
  /** Groups, for group chats (absent: only one-to-one chats). */
  cast?: GroupCast
}

/**
 * The turn: persist user text -> context -> prompt -> stream -> persist reply -> background memory/emotion. Chats
 * that need no model (create, list, page, export) are ChatLifecycle's; edits of stored messages are MessageEdits'.
 */
export class ChatService {
  private readonly streamer: ReplyStreamer
  private readonly history: ChatHistory
  private readonly groupTurns: GroupTurns | null
  private readonly lifecycle: ChatLifecycle
  private readonly edits: MessageEdits
  /** What the reply plans read and write through. */
  private readonly plans: ReplyPlanDeps

  constructor(private readonly deps: ChatServiceDeps) {
    this.streamer = new ReplyStreamer(deps)
    this.history = new ChatHistory({
      messages: deps.messages,
      countTokens: (text) => deps.runtime.countTokens(text),
      contextSize: async () => (await deps.runtime.status()).contextSize ?? 2048
    })
    this.groupTurns = deps.cast
      ? new GroupTurns({
          messages: deps.messages,
          hooks: deps.hooks,
          cast: deps.cast,
          streamer: this.streamer,
          history: this.history
        })
      : null
    this.lifecycle = new ChatLifecycle(deps)
    this.edits = new MessageEdits({ messages: deps.messages, hooks: deps.hooks, streamer: this.streamer })
    this.plans = { messages: deps.messages, hooks: deps.hooks, history: this.history }
  }

  // What needs no model: see ChatLifecycle.
  create(characterId: string, title?: string): Chat {
    return this.lifecycle.create(characterId, title)
  }
  createInGroup(groupId: string, title?: string): Chat {
    return this.lifecycle.createInGroup(groupId, title)
  }
  createFor(input: { characterId?: string; groupId?: string; title?: string }): Chat {
    return this.lifecycle.createFor(input)
  }
  list(characterId: string): Chat[] {
    return this.lifecycle.list(characterId)
  }
  listInGroup(groupId: string): Chat[] {
    return this.lifecycle.listInGroup(groupId)
  }
  listFor(input: { characterId?: string; groupId?: string }): Chat[] {
    return this.lifecycle.listFor(input)
  }
  messages(chatId: string, position: PagePosition = {}): MessagePage {
    return this.lifecycle.messages(chatId, position)
  }
  moods(chatId: string, points?: number): ChatMoods {
    return this.lifecycle.moods(chatId, points)
  }
  rename(chatId: string, title: string): Chat {
    return this.lifecycle.rename(chatId, title)
  }
  exportDataset(input: DatasetExportInput): FileInput {
    return this.lifecycle.exportDataset(input)
  }

  // Changes to stored messages: see MessageEdits.
  swipe(messageId: string, index: number): Message {
    return this.edits.swipe(messageId, index)
  }
  edit(messageId: string, content: string): Message {
    return this.edits.edit(messageId, content)
  }
  deleteMessage(messageId: string, options: { keepMemories?: boolean } = {}): Promise<void> {
    return this.edits.deleteMessage(messageId, options)
  }

  /**
   * Stores the message at once and returns; the reply streams as chat.token events under `streamId` (chosen by the
   * caller so that no event can come before it knows the id).
   */
  send(chatId: string, text: string, streamId = newId()): ChatSendResult {
    const content = userMessageText(text)
    this.requireModel()
    const scope = this.scopeOf(chatId)
    if (scope.group) return this.sendToGroup(scope, content, streamId)
    this.requireIdle(chatId)
    this.requireNewStream(streamId)
    const userMessage = this.deps.messages.insert({ chatId, role: 'user', content, status: 'complete' })
    // The reply is marked as under way first, so background work started by the hooks waits for it.
    this.streamer.start(scope, streamId, newReplyPlan(this.plans, scope, userMessage))
    this.deps.hooks.onUserMessage?.(scope, userMessage)
    return { streamId, userMessageId: userMessage.id, characterId: scope.character.id }
  }

  /** The user's message stops the members talking (auto mode) at once, then the next speaker answers it. */
  private sendToGroup(scope: TurnScope, content: string, streamId: string): ChatSendResult {
    this.requireNewStream(streamId)
    this.groupTurns!.stop(scope.chat.id)
    const userMessage = this.deps.messages.insert({ chatId: scope.chat.id, role: 'user', content, status: 'complete' })
    const speakerId = this.groupTurns!.send(scope, userMessage, streamId)
    // Everyone in the group heard it (memory), and its tone is read once (emotion).
    this.deps.hooks.onUserMessage?.(scope, userMessage)
    return { streamId, userMessageId: userMessage.id, characterId: speakerId }
  }

  /** A member of a group chat answers now (manual mode, or the user clicked its avatar). */
  speak(chatId: string, characterId: string, streamId = newId()): { streamId: string; characterId: string } {
    const scope = this.scopeOf(chatId)
    if (!scope.group) throw new AppError('INVALID_INPUT', 'Only a group chat has members to pick from.')
    const speaking = this.groupTurns!.withSpeaker(scope, characterId)
    this.requireModel()
    this.requireNewStream(streamId)
    this.groupTurns!.speak(speaking, streamId)
    return { streamId, characterId }
  }

  /** A new version of the last reply; earlier versions stay as swipes. */
  regenerate(chatId: string, streamId = newId()): { streamId: string; messageId: string } {
    return this.redoLastReply(chatId, streamId, newVersionPlan)
  }

  /** Continues a reply that was stopped or cut off by the length limit. */
  continueReply(chatId: string, streamId = newId()): { streamId: string; messageId: string } {
    return this.redoLastReply(chatId, streamId, continuationPlan)
  }

  /** Writes into the last reply again; a group reply is redone by the member who said it. */
  private redoLastReply(
    chatId: string,
    streamId: string,
    planFor: typeof newVersionPlan
  ): { streamId: string; messageId: string } {
    this.requireModel()
    this.requireIdle(chatId)
    this.requireNewStream(streamId)
    const last = lastReplyOf(this.deps.messages, chatId)
    this.streamer.start(this.scopeOf(chatId, last), streamId, planFor(this.plans, last))
    return { streamId, messageId: last.id }
  }

  /** Deletes a chat and its messages (their memories as deleteMessage does); its running reply stops first. */
  async deleteChat(chatId: string, options: { keepMemories?: boolean } = {}): Promise<void> {
    this.deps.chats.get(chatId)
    this.streamer.cancelWhere((reply) => reply.chatId === chatId)
    const messageIds = this.deps.messages.idsOf(chatId)
    this.deps.chats.delete(chatId)
    this.streamer.forgetChat(chatId)
    this.groupTurns?.forgetChat(chatId)
    this.history.forget(chatId)
    await this.deps.hooks.onMessagesDeleted?.(chatId, messageIds, { keepMemories: options.keepMemories ?? false })
  }

  /** A character is being deleted: its replies stop (their messages go with it). */
  stopCharacter(characterId: string): void {
    this.streamer.cancelWhere((reply) => reply.characterId === characterId)
  }

  /** Stops a reply; in a group chat, auto mode stops with it. */
  cancel(streamId: string): boolean {
    this.groupTurns?.cancel(streamId)
    return this.streamer.cancel(streamId)
  }

  isStreaming(streamId: string): boolean {
    return this.streamer.isActive(streamId)
  }

  /** Waits for every running reply (tests, shutdown). */
  settle(): Promise<void> {
    return this.streamer.settle()
  }

  dispose(): Promise<void> {
    return this.streamer.dispose()
  }

  private requireNewStream(streamId: string): void {
    if (this.streamer.isActive(streamId)) throw new AppError('BUSY', 'That stream id is already in use.')
  }

  private requireModel(): void {
    if (!this.deps.runtime.isLoaded)
      throw new AppError('MODEL_NOT_LOADED', 'Load a model before chatting: open Models and pick a GGUF file.')
  }

  /** One reply at a time per chat: a second would interleave (user, user, reply, reply). */
  private requireIdle(chatId: string): void {
    if (this.streamer.isChatBusy(chatId))
      throw new AppError('BUSY', 'A reply is still being written in this chat: wait for it or stop it first.')
  }

  /**
   * The turn's chat, character and user. In a group chat, the character is the speaker of `reply` (regenerate,
   * continue) or, until one is picked, the first member.
   */
  private scopeOf(chatId: string, reply?: Message): TurnScope {
    const chat = this.deps.chats.get(chatId)
    const user = this.deps.users.get(chat.userId)
    if (chat.groupId === null) {
      return { chat, character: this.deps.characters.get(chat.characterId!), user }
    }
    const group = this.lifecycle.requireCast().load(chat.groupId)
    const first = group.members[0]
    if (!first) throw new AppError('NOT_FOUND', 'This group has no members left to talk to.')
    const scope: TurnScope = { chat, character: first, user, group }
    return reply ? this.groupTurns!.withSpeaker(scope, reply.characterId) : scope
  }
}
