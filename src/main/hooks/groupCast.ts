import type { Message } from '../../shared/domain'
import type { GroupScope } from './chatHooks'

/** How chat reaches groups without importing them (composed in core.ts from the groups capability). */
export interface GroupCast {
  /** A group with its members that still exist, in order; NOT_FOUND when the group is gone. */
  load(groupId: string): GroupScope
  /**
   * Who answers `last` (the user's message, or the reply before in auto mode): a member id, or null when nobody may
   * (manual mode waits for chat.speak; every member muted).
   */
  nextSpeaker(scope: GroupScope, turn: { chatId: string; last: Message; history: readonly Message[] }): string | null
}
