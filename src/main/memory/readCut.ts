import type { Message } from '../../shared/domain'
import type { MessageRepository } from '../db/repositories/MessageRepository'

/** Messages read before a cut's last one when its first was deleted meanwhile (a cut is at most a prompt's worth). */
const FALLBACK_COUNT = 100

/**
 * The messages of a cut from the prompt, first to last, as they are now: some may have been deleted since the cut
 * was reported (a resumed job can run after a restart), so the range is read again rather than kept as ids.
 */
export function readCut(messages: MessageRepository, chatId: string, fromId: string | null, last: Message): Message[] {
  const since = fromId ? messages.since(chatId, fromId) : []
  const end = since.findIndex((m) => m.id === last.id)
  if (end >= 0) return since.slice(0, end + 1)
  return [...messages.before(last.id, FALLBACK_COUNT), last]
}
