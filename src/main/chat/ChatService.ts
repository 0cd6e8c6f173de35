import type { ChatMoods, ChatSendResult, DatasetExportInput, FileInput, MessagePage } from '../../shared/contract'
import type { Chat, Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { CharacterRepository } from '../db/repositories/CharacterRepository'
import type { ChatRepository } from '../db/repositories/ChatRepository'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { PagePosition } from '../db/repositories/readMessagePage'
import { LOCAL_USER_ID, type UserRepository } from '../db/repositories/UserRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { SettingsService } from '../settings/SettingsService'
import type { ModelSettingsService } from '../settings/ModelSettingsService'
import type { EventBus } from '../util/EventBus'
import type { ChatHooks, TurnScope } from '../hooks/chatHooks'
import type { GroupCast } from '../hooks/groupCast'
import { GroupTurns } from './GroupTurns'
import { newId } from '../util/ids'
import { exportDataset } from './exportDataset'
import { ReplyStreamer } from './ReplyStreamer'
import { ChatHistory } from './ChatHistory'
import { substituteMacros } from '../util/substituteMacros'

export type { ChatHooks, TurnContext, TurnScope } from '../hooks/chatHooks'

export const MAX_MESSAGE_CHARS = 200_000
/** About one point per 4 px of the header's timeline. */
export const DEFAULT_MOOD_POINTS = 60

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

/** The turn: persist user text -> context -> prompt -> stream -> persist reply -> background memory/emotion. */
export class ChatService {
  private readonly streamer: ReplyStreamer
  private readonly history: ChatHistory
  private readonly groupTurns: GroupTurns | null

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
  }

  /** A chat of a group; each member's greeting opens it, in member order. */
  createInGroup(groupId: string, title?: string): Chat {
    const { group, members } = this.requireCast().load(groupId)
    const user = this.deps.users.get(members[0]?.userId ?? LOCAL_USER_ID)
    const chat = this.deps.chats.createInGroup(groupId, user.id, title?.trim() || group.name)
    for (const member of members) {
      if (!member.firstMessage.trim()) continue
      this.deps.messages.insert({
        chatId: chat.id,
        role: 'assistant',
        content: substituteMacros(member.firstMessage, { char: member.name, user: user.name }),
        status: 'complete',
        characterId: member.id,
        speakerName: member.name
      })
    }
    return this.deps.chats.get(chat.id)
  }

  listInGroup(groupId: string): Chat[] {
    this.requireCast().load(groupId)
    return this.deps.chats.listByGroup(groupId)
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

  create(characterId: string, title?: string): Chat {
    const character = this.deps.characters.get(characterId)
    const user = this.deps.users.get(character.userId)
    const chat = this.deps.chats.create(characterId, character.userId, title?.trim() || `Chat with ${character.name}`)
    if (character.firstMessage.trim()) {
      const names = { char: character.name, user: user.name }
      const greetings = [character.firstMessage, ...character.alternateGreetings]
        .filter((g) => g.trim())
        .map((g) => substituteMacros(g, names))
      const greeting = this.deps.messages.insert({
        chatId: chat.id,
        role: 'assistant',
        content: greetings[0]!,
        status: 'complete'
      })
      // Alternate greetings become swipes of the first message, as SillyTavern users expect.
      if (greetings.length > 1) this.deps.messages.setSwipes(greeting.id, greetings, 0)
    }
    return chat
  }

  /** A chat of a character or of a group (the contract's chat.create). */
  createFor(input: { characterId?: string; groupId?: string; title?: string }): Chat {
    if (input.groupId !== undefined) return this.createInGroup(input.groupId, input.title)
    if (input.characterId === undefined) throw new AppError('INVALID_INPUT', 'Give a characterId or a groupId.')
    return this.create(input.characterId, input.title)
  }

  /** A character's or a group's chats (the contract's chat.list). */
  listFor(input: { characterId?: string; groupId?: string }): Chat[] {
    if (input.groupId !== undefined) return this.listInGroup(input.groupId)
    if (input.characterId === undefined) throw new AppError('INVALID_INPUT', 'Give a characterId or a groupId.')
    return this.list(input.characterId)
  }

  list(characterId: string): Chat[] {
    this.deps.characters.get(characterId)
    return this.deps.chats.listByCharacter(characterId)
  }

  /** A page of a chat's messages (the newest by default; see MessageRepository.page). */
  messages(chatId: string, position: PagePosition = {}): MessagePage {
    this.deps.chats.get(chatId)
    return this.deps.messages.page(chatId, position)
  }

  /** The whole chat's mood for the timeline, in at most `points` slices (60 by default). */
  moods(chatId: string, points = DEFAULT_MOOD_POINTS): ChatMoods {
    this.deps.chats.get(chatId)
    return this.deps.messages.moods(chatId, points)
  }

  rename(chatId: string, title: string): Chat {
    return this.deps.chats.rename(chatId, title)
  }

  /** The chosen chats of one character as a fine-tuning file. */
  exportDataset(input: DatasetExportInput): FileInput {
    return exportDataset(this.deps, input)
  }

  /**
   * Stores the message at once and returns; the reply streams as chat.token events under `streamId` (chosen by the
   * caller so that no event can come before it knows the id).
   */
  send(chatId: string, text: string, streamId = newId()): ChatSendResult {
    const content = text.trim()
    if (!content) throw new AppError('INVALID_INPUT', 'Type a message first.')
    if (content.length > MAX_MESSAGE_CHARS) {
      throw new AppError(
        'INVALID_INPUT',
        `Messages are limited to ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`
      )
    }
    this.requireModel()
    const scope = this.scopeOf(chatId)
    if (scope.group) return this.sendToGroup(scope, content, streamId)
    this.requireIdle(chatId)
    this.requireNewStream(streamId)
    const userMessage = this.deps.messages.insert({ chatId, role: 'user', content, status: 'complete' })
    // The reply is marked as under way first, so background work started by the hooks waits for it.
    this.streamer.start(scope, streamId, {
      prefix: '',
      prepare: async (signal) => {
        const earlier = await this.history.load(chatId)
        if (this.deps.hooks.buildContext) {
          const context = await this.deps.hooks.buildContext(scope, userMessage, earlier)
          // Stopped (or its chat deleted) while recalling: nothing more is written.
          if (signal.aborted) throw new AppError('CANCELLED', 'The reply was stopped.')
          this.deps.messages.setContext(userMessage.id, context.text, context.memoryIds)
          if (context.loreEntryIds?.length) this.deps.messages.setLoreEntries(userMessage.id, context.loreEntryIds)
        }
        const history = await this.history.load(chatId)
        const reply = this.deps.messages.insert({ chatId, role: 'assistant', content: '', status: 'streaming' })
        return { reply, history }
      }
    })
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

  /** A new version of the last reply; earlier versions stay as swipes. */
  regenerate(chatId: string, streamId = newId()): { streamId: string; messageId: string } {
    this.requireModel()
    this.requireIdle(chatId)
    this.requireNewStream(streamId)
    const last = this.lastReply(chatId)
    // A group reply is redone by the member who said it.
    const scope = this.scopeOf(chatId, last)
    this.streamer.start(scope, streamId, {
      prefix: '',
      messageId: last.id,
      prepare: async () => {
        const history = await this.historyBefore(chatId, last.id)
        // Read now, not at the request: the versions are the message's as it is when generation starts.
        const current = this.deps.messages.get(last.id)
        const swipes = current.swipes.length > 0 ? [...current.swipes, ''] : [current.content, '']
        this.deps.messages.setSwipes(last.id, swipes, swipes.length - 1)
        this.deps.messages.updateContent(last.id, '', 'streaming')
        return { reply: this.deps.messages.get(last.id), history }
      }
    })
    return { streamId, messageId: last.id }
  }

  /** Continues a reply that was stopped or cut off by the length limit. */
  continueReply(chatId: string, streamId = newId()): { streamId: string; messageId: string } {
    this.requireModel()
    this.requireIdle(chatId)
    this.requireNewStream(streamId)
    const last = this.lastReply(chatId)
    const scope = this.scopeOf(chatId, last)
    this.streamer.start(scope, streamId, {
      prefix: last.content,
      messageId: last.id,
      prepare: async () => {
        const history = await this.historyBefore(chatId, last.id)
        this.deps.messages.updateContent(last.id, last.content, 'streaming')
        return { reply: this.deps.messages.get(last.id), history }
      }
    })
    return { streamId, messageId: last.id }
  }

  swipe(messageId: string, index: number): Message {
    const message = this.deps.messages.get(messageId)
    if (message.status === 'streaming' || this.streamer.isMessageBusy(messageId))
      throw new AppError('BUSY', 'Wait for the new version to finish (or stop it) before switching versions.')
    if (index < 0 || index >= message.swipes.length)
      throw new AppError('INVALID_INPUT', 'There is no such version of this message.')
    this.deps.messages.setSwipes(messageId, message.swipes, index)
    return this.deps.messages.get(messageId)
  }

  edit(messageId: string, content: string): Message {
    const message = this.deps.messages.get(messageId)
    if (message.status === 'streaming' || this.streamer.isMessageBusy(messageId))
      throw new AppError('BUSY', 'Wait for the reply to finish (or stop it) before editing.')
    if (message.swipes.length > 0) {
      const swipes = [...message.swipes]
      swipes[message.swipeIndex] = content
      this.deps.messages.setSwipes(messageId, swipes, message.swipeIndex)
    }
    this.deps.messages.updateContent(messageId, content, message.status)
    this.streamer.forgetTokens(messageId)
    return this.deps.messages.get(messageId)
  }

  /**
   * Deletes a message; a reply still being written into it stops first (as CANCELLED). The memories learned only
   * from it go too, unless `keepMemories` (then they stay, marked as orphaned).
   */
  async deleteMessage(messageId: string, options: { keepMemories?: boolean } = {}): Promise<void> {
    const message = this.deps.messages.get(messageId)
    this.streamer.cancelWhere((reply) => reply.messageId === messageId)
    this.deps.messages.delete(messageId)
    await this.deps.hooks.onMessagesDeleted?.(message.chatId, [messageId], {
      keepMemories: options.keepMemories ?? false
    })
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

  private lastReply(chatId: string): Message {
    const tail = this.deps.messages.recent(chatId, 2)
    const last = tail[tail.length - 1]
    if (!last || last.role !== 'assistant' || tail.length < 2)
      throw new AppError('INVALID_INPUT', 'There is no reply to redo yet: send a message first.')
    if (last.status === 'streaming') throw new AppError('BUSY', 'A reply is still being written.')
    return last
  }

  /** The prompt's history up to (not including) the reply being redone. */
  private async historyBefore(chatId: string, replyId: string): Promise<Message[]> {
    const history = await this.history.load(chatId)
    const index = history.findIndex((m) => m.id === replyId)
    return index >= 0 ? history.slice(0, index) : history
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
    const group = this.requireCast().load(chat.groupId)
    const first = group.members[0]
    if (!first) throw new AppError('NOT_FOUND', 'This group has no members left to talk to.')
    const scope: TurnScope = { chat, character: first, user, group }
    return reply ? this.groupTurns!.withSpeaker(scope, reply.characterId) : scope
  }

  private requireCast(): GroupCast {
    if (!this.deps.cast) throw new AppError('INTERNAL', 'Group chats are not available here.')
    return this.deps.cast
  }
}
