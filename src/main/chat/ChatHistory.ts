import type { Message } from '../../shared/domain'
import type { MessageRepository } from '../db/repositories/MessageRepository'

export interface ChatHistoryDeps {
  messages: MessageRepository
  countTokens: (text: string) => number
  /** The model's context size now (the prompt can never hold more). */
  contextSize: () => Promise<number>
}

/** Messages read per step when walking back from the newest. */
const PAGE = 100

/**
 * The part of a chat a prompt can use, read from the newest backwards until it holds more tokens than the context,
 * plus one more page, so the window's first turns render with the memory lines shown just before them (see
 * buildPromptTurns). Reading and tokenising the whole chat made the first reply in a 10,000-message chat 4x slower
 * than in a short one. Later turns of the session read from the same first message (the anchor), so every kept turn
 * renders as it did on the previous turn and the KV cache stays valid.
 */
export class ChatHistory {
  private readonly anchors = new Map<string, string>()

  constructor(private readonly deps: ChatHistoryDeps) {}

  async load(chatId: string): Promise<Message[]> {
    const { messages } = this.deps
    const anchor = this.anchors.get(chatId)
    if (anchor) {
      const since = messages.since(chatId, anchor)
      if (since[0]?.id === anchor) return since
    }
    const budget = await this.deps.contextSize()
    let page = messages.page(chatId, { limit: PAGE })
    const loaded = [...page.messages]
    let tokens = this.cost(page.messages)
    while (tokens <= budget && page.hasOlder && page.olderCursor) {
      page = messages.page(chatId, { before: page.olderCursor, limit: PAGE })
      loaded.unshift(...page.messages)
      tokens += this.cost(page.messages)
    }
    if (page.hasOlder && page.olderCursor)
      loaded.unshift(...messages.page(chatId, { before: page.olderCursor, limit: PAGE }).messages)
    if (loaded[0]) this.anchors.set(chatId, loaded[0].id)
    return loaded
  }

  forget(chatId: string): void {
    this.anchors.delete(chatId)
  }

  private cost(list: readonly Message[]): number {
    return list.reduce((sum, m) => sum + this.deps.countTokens(m.content) + 4, 0)
  }
}
