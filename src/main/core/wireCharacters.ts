import { join } from 'node:path'
import { AvatarStore } from '../characters/avatar/AvatarStore'
import { CharacterService } from '../characters/CharacterService'
import { CharacterGenerator } from '../characters/generate/CharacterGenerator'
import type { ChatInterop } from '../chat/interop/ChatInterop'
import type { AppConfig } from '../config'
import type { LlmRuntime } from '../llm/LlmRuntime'
import type { LorebookService } from '../lorebooks/LorebookService'
import { defaultLoreEntry } from '../lorebooks/loreTypes'
import type { MemoryService } from '../memory/MemoryService'
import type { EventBus } from '../util/EventBus'
import type { Stores } from './openStores'

export interface CharacterWiringDeps {
  runtime: LlmRuntime
  events: EventBus
  lorebooks: LorebookService
  chatInterop: ChatInterop
  memory: MemoryService
  /** Before a character is deleted: its replies stop and it leaves its groups. */
  onDeleting: (characterId: string) => void
}

/**
 * Characters, with what their archives bring (Backyard lore and chats) going in through lorebooks and the chat
 * importer, and what a deleted character leaves (its memory index rows) cleared.
 */
export function wireCharacters(config: AppConfig, stores: Stores, deps: CharacterWiringDeps): CharacterService {
  const { db, users, user, characters, settings } = stores
  const { lorebooks, chatInterop } = deps
  return new CharacterService({
    repository: characters,
    generator: new CharacterGenerator(deps.runtime),
    events: deps.events,
    userId: user.id,
    avatars: new AvatarStore(join(config.dataDir, 'avatars')),
    settings,
    attachedLorebooks: (characterId) => lorebooks.cardBooksFor(characterId),
    stores: {
      db,
      users,
      // Backyard lore items become a first-class lorebook of the character.
      importLore: (characterId, lore) => {
        const book = lorebooks.importDraft({
          name: lore.name,
          description: 'Imported from a Backyard AI archive',
          scanDepth: null,
          tokenBudget: null,
          isRecursive: true,
          entries: lore.entries.map((entry, uid) => ({ ...defaultLoreEntry(uid), ...entry, isSelective: false })),
          extra: {}
        })
        lorebooks.attach(book.id, { kind: 'character', characterId }, true)
      },
      // Backyard archives bring chats: they go in through the chat importer, inside the character's transaction.
      importChat: (characterId, chat) =>
        chatInterop.importMessages(characterId, {
          title: chat.title,
          createdAt: null,
          metadata: { source: 'backyard', ...(chat.settings ? { backyard: chat.settings } : {}) },
          messages: chat.messages.map((m) => ({
            role: m.role,
            content: m.swipes[m.swipeIndex] ?? '',
            swipes: m.swipes.length > 1 ? m.swipes : [],
            swipeIndex: m.swipes.length > 1 ? m.swipeIndex : 0,
            createdAt: m.createdAt,
            metadata: {}
          }))
        })
    },
    onDeleting: deps.onDeleting,
    // Its SQLite rows go with the character (foreign keys); the vector index is not in SQLite.
    onDeleted: (characterId) => deps.memory.dropOwner({ characterId, userId: user.id })
  })
}
