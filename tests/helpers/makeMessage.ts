import type { Message } from '../../src/shared/domain'

/** A complete chat message with no context, emotion or versions; tests change only the fields they are about. */
export function makeMessage(id: string, role: Message['role'], content: string, patch: Partial<Message> = {}): Message {
  return {
    id,
    chatId: 'c',
    role,
    content,
    status: 'complete',
    swipes: [],
    swipeIndex: 0,
    emotion: null,
    memoryIds: [],
    injectedContext: '',
    loreEntryIds: [],
    metadata: {},
    characterId: null,
    speakerName: null,
    createdAt: '2026-11-24T00:00:00.000Z',
    updatedAt: '2026-11-24T00:00:00.000Z',
    ...patch
  }
}
