import type { Message } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { MessageRepository } from '../db/repositories/MessageRepository'

interface SaveTarget {
  id: string
  /** The swipe this run writes, or null for a message without swipes. */
  swipeIndex: number | null
}

/**
 * Saves one reply's text as it streams and when it ends, so a crash keeps what was written. The first write that
 * fails (its message was deleted, or the write threw) aborts the stream and is kept as the reason it stopped.
 */
export class ReplySaver {
  private target: SaveTarget | null = null
  /** Boxed: the cause is unknown (whatever the write threw). */
  private failure: { error: unknown } | null = null

  constructor(
    private readonly messages: MessageRepository,
    private readonly controller: AbortController
  ) {}

  /** A regeneration writes into its own swipe, whichever version the message shows meanwhile. */
  writeInto(reply: Message): void {
    this.target = { id: reply.id, swipeIndex: reply.swipes.length > 0 ? reply.swipeIndex : null }
  }

  /** The message written into, once known. */
  get targetId(): string | null {
    return this.target?.id ?? null
  }

  /** Why saving stopped the stream, if it did. */
  get failed(): { error: unknown } | null {
    return this.failure
  }

  save(text: string, status: Message['status']): void {
    if (!this.target || this.failure) return
    try {
      if (!saveText(this.messages, this.target, text, status)) this.failure = { error: deletedWhileWriting() }
    } catch (error) {
      this.failure = { error }
    }
    if (this.failure) this.controller.abort()
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
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
