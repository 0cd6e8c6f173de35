import type { Character } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { GroupRepository } from '../db/repositories/GroupRepository'
import { createGroupCast } from '../groups/createGroupCast'
import { GroupService } from '../groups/GroupService'
import type { TurnScope } from '../hooks/chatHooks'
import type { GroupCast } from '../hooks/groupCast'
import type { EventBus } from '../util/EventBus'
import type { Stores } from './openStores'

export interface GroupWiring {
  groups: GroupService
  cast: GroupCast
  /** A chat's scope for background work: in a group chat, every member is in it (the first as its character). */
  loadScope: (chatId: string) => TurnScope
}

/**
 * Groups of characters and the cast a group chat is played by. A group's chats are deleted through the chat
 * capability (`deleteChat`), so their memories are treated as chat.delete treats them.
 */
export function wireGroups(
  { db, user, users, characters, chats }: Stores,
  deps: { events: EventBus; deleteChat: (chatId: string) => Promise<void> }
): GroupWiring {
  const findCharacter = (id: string): Character | null => {
    try {
      return characters.get(id)
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null
      throw error
    }
  }
  const groups = new GroupService({
    repository: new GroupRepository(db),
    events: deps.events,
    userId: user.id,
    requireCharacter: (id) => void characters.get(id),
    findCharacterByName: (name) => {
      const wanted = name.trim().toLowerCase()
      return characters.list(user.id).find((c) => c.name.trim().toLowerCase() === wanted) ?? null
    },
    onDeleting: async (groupId) => {
      for (const chatId of chats.idsOfGroup(groupId)) await deps.deleteChat(chatId)
    }
  })
  const cast = createGroupCast({ groups, findCharacter })
  const loadScope = (chatId: string): TurnScope => {
    const found = chats.get(chatId)
    const owner = users.get(found.userId)
    if (found.groupId === null) return { chat: found, character: characters.get(found.characterId!), user: owner }
    const group = cast.load(found.groupId)
    const first = group.members[0]
    if (!first) throw new AppError('NOT_FOUND', 'This group has no members left.')
    return { chat: found, character: first, user: owner, group }
  }
  return { groups, cast, loadScope }
}
