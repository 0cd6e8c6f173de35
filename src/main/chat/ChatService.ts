import type { ChatSendResult } from '../../shared/contract'
import type { Character, Chat, Message, UserProfile } from '../../shared/domain'
import { AppError, toErrorInfo } from '../../shared/errors'
import type { CharacterRepository } from '../db/repositories/CharacterRepository'
import type { ChatRepository } from '../db/repositories/ChatRepository'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { UserRepository } from '../db/repositories/UserRepository'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { GenerationResult } from '../llm/types'
import type { EventBus } from '../util/EventBus'
import { newId } from '../util/ids'
import type { SettingsService } from '../settings/SettingsService'
import { buildPromptTurns } from './buildPromptTurns'
import { buildSystemPrompt } from './buildSystemPrompt'
import { substituteMacros } from './substituteMacros'
import { TokenBatcher } from './TokenBatcher'

export const MAX_MESSAGE_CHARS = 200_000

export interface TurnScope {
  chat: Chat
  character: Character
  user: UserProfile
}

export interface TurnContext {
  text: string
  memoryIds: string[]
}

/** Capabilities that plug into the turn without the turn knowing them (memory, lore, emotion). */
export interface ChatHooks {
  /** Context injected before the new user message: retrieved memories, triggered lore, the user's tone. */
  buildContext?(scope: TurnScope, message: Message, history: readonly Message[]): Promise<TurnContext>
  /** Memories shown in the persona block on every turn. */
  pinnedMemories?(scope: TurnScope): string[]
  /** Background work after the user's message is stored; never delays the reply. */
  onUserMessage?(scope: TurnScope, message: Message): void
  /** Background work after a reply is complete. */
  onReply?(scope: TurnScope, reply: Message): void
}

export interface ChatServiceDeps {
  runtime: LlmRuntime
  events: EventBus
  users: UserRepository
  characters: CharacterRepository
  chats: ChatRepository
  messages: MessageRepository
  settings: SettingsService
  hooks: ChatHooks
  /** Called with every finished generation (benchmarks, diagnostics). */
  onGeneration?: (result: GenerationResult) => void
}

/** The turn: persist user text -> context -> prompt -> stream -> persist reply -> background memory/emotion. */
export class ChatService {
  private readonly active = new Map<string, AbortController>()
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly deps: ChatServiceDeps) {}

  create(characterId: string, title?: string): Chat {
    const character = this.deps.characters.get(characterId)
    const user = this.deps.users.get(character.userId)
    const chat = this.deps.chats.create(characterId, character.userId, title?.trim() || `Chat with ${character.name}`)
    if (character.firstMessage.trim()) {
      const greeting = substituteMacros(character.firstMessage, { char: character.name, user: user.name })
      this.deps.messages.insert({ chatId: chat.id, role: 'assistant', content: greeting, status: 'complete' })
    }
    return chat
  }

  /** Stores the message at once and returns; the reply streams as chat.token events. */
  send(chatId: string, text: string): ChatSendResult {
    const content = text.trim()
    if (!content) throw new AppError('INVALID_INPUT', 'Type a message first.')
    if (content.length > MAX_MESSAGE_CHARS) {
      throw new AppError('INVALID_INPUT', `Messages are limited to ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`)
    }
    if (!this.deps.runtime.isLoaded) throw new AppError('MODEL_NOT_LOADED', 'Load a model before chatting: open Models and pick a GGUF file.')
    const scope = this.scopeOf(chatId)
    const userMessage = this.deps.messages.insert({ chatId, role: 'user', content, status: 'complete' })
    this.deps.hooks.onUserMessage?.(scope, userMessage)
    const streamId = this.startReply(scope, async () => {
      const history = this.deps.messages.list(chatId)
      if (this.deps.hooks.buildContext) {
        const context = await this.deps.hooks.buildContext(scope, userMessage, history)
        this.deps.messages.setContext(userMessage.id, context.text, context.memoryIds)
      }
      return this.deps.messages.insert({ chatId, role: 'assistant', content: '', status: 'streaming' })
    })
    return { streamId, userMessageId: userMessage.id }
  }

  cancel(streamId: string): boolean {
    const controller = this.active.get(streamId)
    controller?.abort()
    return controller !== undefined
  }

  /** Waits for every running reply (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running])
  }

  async dispose(): Promise<void> {
    for (const controller of this.active.values()) controller.abort()
    await this.settle()
  }

  private scopeOf(chatId: string): TurnScope {
    const chat = this.deps.chats.get(chatId)
    const character = this.deps.characters.get(chat.characterId)
    return { chat, character, user: this.deps.users.get(chat.userId) }
  }

  private startReply(scope: TurnScope, prepare: () => Promise<Message>): string {
    const streamId = newId()
    const controller = new AbortController()
    this.active.set(streamId, controller)
    const run = this.runReply(scope, streamId, controller.signal, prepare).finally(() => {
      this.active.delete(streamId)
      this.running.delete(run)
    })
    this.running.add(run)
    return streamId
  }

  private async runReply(scope: TurnScope, streamId: string, signal: AbortSignal, prepare: () => Promise<Message>): Promise<void> {
    const { events, messages, runtime, settings } = this.deps
    const chatId = scope.chat.id
    let reply: Message | null = null
    let text = ''
    try {
      reply = await prepare()
      const replyId = reply.id
      const history = messages.list(chatId).filter((m) => m.id !== replyId)
      const appSettings = settings.get()
      const contextSize = (await runtime.status()).contextSize ?? 2048
      const prompt = buildPromptTurns({
        systemPrompt: buildSystemPrompt(scope.character, scope.user, this.deps.hooks.pinnedMemories?.(scope) ?? []),
        messages: history,
        countTokens: (t) => runtime.countTokens(t),
        maxPromptTokens: Math.max(256, contextSize - appSettings.sampling.maxTokens - 16)
      })
      const batcher = new TokenBatcher((chunk, seq) => {
        events.emit('chat.token', { streamId, chatId, seq, text: chunk })
        messages.updateContent(replyId, text, 'streaming')
      })
      const stream = runtime.stream({
        turns: prompt.turns,
        sampling: appSettings.sampling,
        stopStrings: [`\n${scope.user.name}:`, ...appSettings.stopStrings],
        signal
      })
      for await (const chunk of stream.chunks) {
        text += chunk
        batcher.push(chunk)
      }
      batcher.flush()
      const result = await stream.result
      this.active.delete(streamId)
      this.deps.onGeneration?.(result)
      messages.updateContent(replyId, result.text.trim(), result.stopReason === 'cancelled' ? 'cancelled' : 'complete')
      const saved = messages.get(replyId)
      events.emit('chat.done', { streamId, chatId, message: saved })
      this.deps.hooks.onReply?.(scope, saved)
    } catch (error) {
      this.active.delete(streamId)
      const info = toErrorInfo(error)
      if (reply) messages.updateContent(reply.id, text, info.code === 'CANCELLED' ? 'cancelled' : 'error')
      events.emit('chat.error', { streamId, chatId, error: info, message: reply ? messages.get(reply.id) : null })
    }
  }
}
