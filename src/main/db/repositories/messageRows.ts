import type { EmotionReading, Message, MessageRole, MessageStatus } from '../../../shared/domain'

/** A row of the messages table as SQLite returns it (list fields are JSON text). */
export interface MessageRow {
  id: string
  seq: number
  chat_id: string
  role: MessageRole
  content: string
  status: MessageStatus
  swipes: string
  swipe_index: number
  emotion: string | null
  memory_ids: string
  injected_context: string
  lore_entry_ids: string
  metadata: string
  character_id: string | null
  speaker_name: string | null
  created_at: string
  updated_at: string
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    chatId: row.chat_id,
    role: row.role,
    content: row.content,
    status: row.status,
    swipes: JSON.parse(row.swipes) as string[],
    swipeIndex: row.swipe_index,
    emotion: row.emotion ? (JSON.parse(row.emotion) as EmotionReading) : null,
    memoryIds: JSON.parse(row.memory_ids) as string[],
    injectedContext: row.injected_context,
    loreEntryIds: JSON.parse(row.lore_entry_ids) as string[],
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    characterId: row.character_id,
    speakerName: row.speaker_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
