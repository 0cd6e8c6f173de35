import type { Memory } from '../../src/shared/domain'

/** A current, unpinned fact about Alex with text = id; tests change only the fields they are about. */
export function makeMemory(id: string, patch: Partial<Memory> = {}): Memory {
  return {
    id,
    characterId: 'c',
    userId: 'u',
    kind: 'fact',
    text: id,
    subject: null,
    speaker: 'Alex',
    importance: 0.5,
    isPinned: false,
    validFrom: '2026-11-01T10:00:00.000Z',
    validTo: null,
    supersededBy: null,
    sourceMessageIds: [],
    chatId: 'chat',
    sharedFrom: null,
    isOrphaned: false,
    groupId: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...patch
  }
}
