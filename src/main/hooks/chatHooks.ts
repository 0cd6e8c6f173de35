import type { Character, Chat, Message, UserProfile } from '../../shared/domain'
import type { LorePlacement } from './lorePlacement'
import type { Group } from '../../shared/domain/groups'

export interface TurnScope {
  chat: Chat
  /** The character who speaks (in a group chat: this turn's speaker). */
  character: Character
  user: UserProfile
  /** Set in a group chat: the group and its members that still exist, in order. */
  group?: GroupScope
}

export interface GroupScope {
  group: Group
  members: Character[]
}

/** Everyone a turn's user message reaches: every member of a group chat, or the one character. */
export const listenersOf = (scope: TurnScope): Character[] => scope.group?.members ?? [scope.character]

export interface TurnContext {
  text: string
  /**
   * The part of `text` that belongs to the speaker alone (its memories). In a group chat it is shown only in that
   * speaker's prompt; the rest (the user's tone) is kept with the user's message for every member. Unset: none.
   */
  ownText?: string
  memoryIds: string[]
  /** Lorebook entries that fired (shown under the reply like memories). */
  loreEntryIds?: string[]
}

/** Capabilities that plug into the turn without the turn knowing them (memory, lore, emotion). */
export interface ChatHooks {
  /** Context injected before the new user message: retrieved memories, triggered lore, the user's tone. */
  buildContext?(scope: TurnScope, message: Message, history: readonly Message[]): Promise<TurnContext>
  /**
   * The lore for one generation (a reply, a new version of it, its continuation), placed by the prompt builder.
   * Called once per generation with the messages the prompt holds (oldest first) and how many messages the chat had
   * before the reply (timed effects count in messages, as SillyTavern's do).
   */
  placeLore?(scope: TurnScope, history: readonly Message[], chatLength: number): LorePlacement
  /** Memories shown in the persona block on every turn. */
  pinnedMemories?(scope: TurnScope): string[]
  /** Background work after the user's message is stored; never delays the reply. */
  onUserMessage?(scope: TurnScope, message: Message): void
  /** Background work after a reply is complete. */
  onReply?(scope: TurnScope, reply: Message): void
  /**
   * Messages were deleted (alone, or with their chat): what was learned only from them goes too, or with
   * `keepMemories` stays, marked as orphaned.
   */
  onMessagesDeleted?(chatId: string, messageIds: readonly string[], options: { keepMemories: boolean }): Promise<void>
  /** Older messages no longer fit the context window (candidates for a session summary). */
  onHistoryDropped?(scope: TurnScope, messageIds: string[]): void
}
