import { AppError } from '../../shared/errors'
import { ChatInterop } from '../chat/interop/ChatInterop'
import type { GroupCast } from '../hooks/groupCast'
import type { LlmRuntime } from '../llm/LlmRuntime'
import { HistoryIngest } from '../memory/HistoryIngest'
import type { OpenedMemory } from '../memory/openMemoryService'
import type { BackgroundTasks } from '../util/BackgroundTasks'
import type { EventBus } from '../util/EventBus'
import type { Stores } from './openStores'

const HISTORY_PENDING = 'memoryHistoryPending'

/**
 * Chat import and export, and imported chats' history read into long-term memory in the background (a group chat's
 * for every member). Histories interrupted by a quit go on where they stopped.
 */
export function wireHistory(
  stores: Stores,
  deps: {
    memory: OpenedMemory
    cast: GroupCast
    runtime: LlmRuntime
    events: EventBus
    background: BackgroundTasks
  }
): { history: HistoryIngest; chatInterop: ChatInterop } {
  const { db, users, characters, chats, messages } = stores
  const { cast, events, background } = deps
  const history = new HistoryIngest({
    memory: deps.memory.memory,
    repository: deps.memory.repository,
    loadChat: (chatId) => {
      const found = chats.get(chatId)
      const listeners =
        found.groupId !== null ? cast.load(found.groupId).members : [characters.get(found.characterId ?? '')]
      return {
        chat: found,
        messages: messages.list(chatId),
        userName: users.get(found.userId).name,
        listeners: listeners.map((c) => ({ id: c.id, name: c.name }))
      }
    },
    whenChatIdle: () => deps.runtime.whenChatIdle(),
    setPending: (chatId, isPending) => {
      const metadata = chats.metadata(chatId)
      chats.setMetadata(chatId, { ...metadata, [HISTORY_PENDING]: isPending })
    },
    onProgress: (status) => {
      events.emit('memory.historyProgress', status)
      if (status.state === 'done') events.emit('memory.changed', { characterId: status.characterId })
    },
    run: (label, job) => background.run(label, job)
  })
  for (const chatId of chats.idsFlagged(HISTORY_PENDING)) history.start(chatId)
  const startHistory = (chatId: string): void => {
    try {
      history.start(chatId)
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error
    }
  }
  const chatInterop = new ChatInterop({
    db,
    users,
    characters,
    chats,
    messages,
    cast,
    // After the import's transaction: an archive's rolled-back chat is simply not found by then. A group chat's
    // history goes to every member's memories.
    onImported: (imported) => queueMicrotask(() => startHistory(imported.id))
  })
  return { history, chatInterop }
}
