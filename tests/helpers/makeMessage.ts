import { blankMessage, type Message } from '../../src/shared/domain'

/** A complete chat message with no context, emotion or versions; tests change only the fields they are about. */
export function makeMessage(id: string, role: Message['role'], content: string, patch: Partial<Message> = {}): Message {
  return blankMessage({
    id,
    chatId: 'c',
    role,
    content,
    createdAt: '2026-11-24T00:00:00.000Z',
    updatedAt: '2026-11-24T00:00:00.000Z',
    ...patch
  })
}
