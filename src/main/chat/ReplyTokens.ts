import type { Token } from 'node-llama-cpp'
import type { Message } from '../../shared/domain'

/** Replies kept; the prompt window of any chat holds far fewer, and a miss only costs re-reading one reply. */
const MAX_ENTRIES = 2000

/**
 * The token ids each reply was generated as, in memory only. Replaying them in the next prompt keeps it identical
 * to the KV cache (a reply's text may tokenize differently). An entry counts only for the model that produced it
 * and while the message still has that exact text, so edits, regenerations and swipes fall back to the text.
 */
export class ReplyTokens {
  private readonly entries = new Map<string, { modelKey: string; text: string; tokens: Token[] }>()

  remember(messageId: string, modelKey: string | null, text: string, tokens: Token[] | undefined): void {
    this.entries.delete(messageId)
    if (!modelKey || !tokens) return
    this.entries.set(messageId, { modelKey, text, tokens })
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
  }

  forget(messageId: string): void {
    this.entries.delete(messageId)
  }

  tokensOf(message: Message, modelKey: string | null): Token[] | undefined {
    const entry = this.entries.get(message.id)
    return entry && entry.modelKey === modelKey && entry.text === message.content ? entry.tokens : undefined
  }
}
