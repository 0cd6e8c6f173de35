import type { NewMemory } from '../db/repositories/MemoryRepository'
import { MAX_MEMORY_CHARS, ownerOf, type IngestInput, type Owner } from './memoryTypes'

/**
 * The row a chat turn is stored as, linked to its message. The line before is context that makes a short reply
 * findable ("Yes, I did!"); the memory is this message's. `text` is the message's trimmed, non-empty text.
 */
export function turnRow(input: IngestInput, text: string): NewMemory {
  const previous = input.previous?.text.trim() ? input.previous : undefined
  const context = previous ? `${previous.speaker}: ${previous.text.trim().slice(0, MAX_MEMORY_CHARS / 2)}\n` : ''
  return {
    ...ownerOf(input),
    chatId: input.chatId,
    kind: 'message',
    subject: null,
    speaker: input.speaker,
    text: `${context}${input.speaker}: ${text.slice(0, MAX_MEMORY_CHARS)}`,
    importance: 0.3,
    validFrom: input.at,
    sourceMessageIds: [input.messageId]
  }
}

/** The row a session summary is stored as. */
export function summaryRow(
  owner: Owner,
  chatId: string | null,
  text: string,
  sourceMessageIds: string[],
  at: string
): NewMemory {
  return {
    ...ownerOf(owner),
    chatId,
    kind: 'summary',
    subject: null,
    text: text.slice(0, MAX_MEMORY_CHARS),
    importance: 0.6,
    validFrom: at,
    sourceMessageIds
  }
}
