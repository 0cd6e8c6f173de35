import type { Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { ChatHooks } from '../hooks/chatHooks'
import type { ReplyStreamer } from './ReplyStreamer'

export interface MessageEditsDeps {
  messages: MessageRepository
  hooks: ChatHooks
  streamer: ReplyStreamer
}

/** The user's changes to stored messages: switching versions, editing, deleting. None may race a running reply. */
export class MessageEdits {
  constructor(private readonly deps: MessageEditsDeps) {}

  swipe(messageId: string, index: number): Message {
    const { messages, streamer } = this.deps
    const message = messages.get(messageId)
    if (message.status === 'streaming' || streamer.isMessageBusy(messageId))
      throw new AppError('BUSY', 'Wait for the new version to finish (or stop it) before switching versions.')
    if (index < 0 || index >= message.swipes.length)
      throw new AppError('INVALID_INPUT', 'There is no such version of this message.')
    messages.setSwipes(messageId, message.swipes, index)
    return messages.get(messageId)
  }

  edit(messageId: string, content: string): Message {
    const { messages, streamer } = this.deps
    const message = messages.get(messageId)
    if (message.status === 'streaming' || streamer.isMessageBusy(messageId))
      throw new AppError('BUSY', 'Wait for the reply to finish (or stop it) before editing.')
    if (message.swipes.length > 0) {
      const swipes = [...message.swipes]
      swipes[message.swipeIndex] = content
      messages.setSwipes(messageId, swipes, message.swipeIndex)
    }
    messages.updateContent(messageId, content, message.status)
    streamer.forgetTokens(messageId)
    return messages.get(messageId)
  }

  /**
   * Deletes a message; a reply still being written into it stops first (as CANCELLED). The memories learned only
   * from it go too, unless `keepMemories` (then they stay, marked as orphaned).
   */
  async deleteMessage(messageId: string, options: { keepMemories?: boolean } = {}): Promise<void> {
    const message = this.deps.messages.get(messageId)
    this.deps.streamer.cancelWhere((reply) => reply.messageId === messageId)
    this.deps.messages.delete(messageId)
    await this.deps.hooks.onMessagesDeleted?.(message.chatId, [messageId], {
      keepMemories: options.keepMemories ?? false
    })
  }
}
