import type { ChatMoods, DatasetExportInput, FileInput, MessagePage } from '../../shared/contract'
import type { Chat } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { CharacterRepository } from '../db/repositories/CharacterRepository'
import type { ChatRepository } from '../db/repositories/ChatRepository'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { PagePosition } from '../db/repositories/readMessagePage'
import { LOCAL_USER_ID, type UserRepository } from '../db/repositories/UserRepository'
import type { GroupCast } from '../hooks/groupCast'
import { substituteMacros } from '../util/substituteMacros'
import { exportDataset } from './exportDataset'

/** About one point per 4 px of the header's timeline. */
export const DEFAULT_MOOD_POINTS = 60

export interface ChatLifecycleDeps {
  users: UserRepository
  characters: CharacterRepository
  chats: ChatRepository
  messages: MessageRepository
  /** Groups, for group chats (absent: only one-to-one chats). */
  cast?: GroupCast
}

/**
 * Chats as things the user opens, lists, renames and exports: everything of ChatService that never generates, so
 * it needs no model. Deleting a chat stays in ChatService, which must stop its replies first.
 */
export class ChatLifecycle {
  constructor(private readonly deps: ChatLifecycleDeps) {}

  create(characterId: string, title?: string): Chat {
    const character = this.deps.characters.get(characterId)
    const user = this.deps.users.get(character.userId)
    const chat = this.deps.chats.create(characterId, character.userId, title?.trim() || `Chat with ${character.name}`)
    if (character.firstMessage.trim()) {
      const names = { char: character.name, user: user.name }
      const greetings = [character.firstMessage, ...character.alternateGreetings]
        .filter((g) => g.trim())
        .map((g) => substituteMacros(g, names))
      const greeting = this.deps.messages.insert({
        chatId: chat.id,
        role: 'assistant',
        content: greetings[0]!,
        status: 'complete'
      })
      // Alternate greetings become swipes of the first message, as SillyTavern users expect.
      if (greetings.length > 1) this.deps.messages.setSwipes(greeting.id, greetings, 0)
    }
    return chat
  }

  /** A chat of a group; each member's greeting opens it, in member order. */
  createInGroup(groupId: string, title?: string): Chat {
    const { group, members } = this.requireCast().load(groupId)
    const user = this.deps.users.get(members[0]?.userId ?? LOCAL_USER_ID)
    const chat = this.deps.chats.createInGroup(groupId, user.id, title?.trim() || group.name)
    for (const member of members) {
      if (!member.firstMessage.trim()) continue
      this.deps.messages.insert({
        chatId: chat.id,
        role: 'assistant',
        content: substituteMacros(member.firstMessage, { char: member.name, user: user.name }),
        status: 'complete',
        characterId: member.id,
        speakerName: member.name
      })
    }
    return this.deps.chats.get(chat.id)
  }

  /** A chat of a character or of a group (the contract's chat.create). */
  createFor(input: { characterId?: string; groupId?: string; title?: string }): Chat {
    if (input.groupId !== undefined) return this.createInGroup(input.groupId, input.title)
    if (input.characterId === undefined) throw new AppError('INVALID_INPUT', 'Give a characterId or a groupId.')
    return this.create(input.characterId, input.title)
  }

  list(characterId: string): Chat[] {
    this.deps.characters.get(characterId)
    return this.deps.chats.listByCharacter(characterId)
  }

  listInGroup(groupId: string): Chat[] {
    this.requireCast().load(groupId)
    return this.deps.chats.listByGroup(groupId)
  }

  /** A character's or a group's chats (the contract's chat.list). */
  listFor(input: { characterId?: string; groupId?: string }): Chat[] {
    if (input.groupId !== undefined) return this.listInGroup(input.groupId)
    if (input.characterId === undefined) throw new AppError('INVALID_INPUT', 'Give a characterId or a groupId.')
    return this.list(input.characterId)
  }

  /** A page of a chat's messages (the newest by default; see readMessagePage). */
  messages(chatId: string, position: PagePosition = {}): MessagePage {
    this.deps.chats.get(chatId)
    return this.deps.messages.page(chatId, position)
  }

  /** The whole chat's mood for the timeline, in at most `points` slices (60 by default). */
  moods(chatId: string, points = DEFAULT_MOOD_POINTS): ChatMoods {
    this.deps.chats.get(chatId)
    return this.deps.messages.moods(chatId, points)
  }

  rename(chatId: string, title: string): Chat {
    return this.deps.chats.rename(chatId, title)
  }

  /** The chosen chats of one character as a fine-tuning file. */
  exportDataset(input: DatasetExportInput): FileInput {
    return exportDataset(this.deps, input)
  }

  requireCast(): GroupCast {
    if (!this.deps.cast) throw new AppError('INTERNAL', 'Group chats are not available here.')
    return this.deps.cast
  }
}
