import type { Character } from '../../shared/domain'
import { DEFAULT_TALKATIVENESS } from '../../shared/domain/groups'
import { AppError } from '../../shared/errors'
import type { GroupCast } from '../hooks/groupCast'
import { pickSpeaker, talkativenessOf } from './pickSpeaker'
import type { GroupService } from './GroupService'

export interface GroupCastDeps {
  groups: GroupService
  /** The character, or null when it no longer exists. */
  findCharacter(id: string): Character | null
  /** ISO now (tests pass a fixed clock for the mutes). */
  now?: () => string
}

/** Groups as the chat capability sees them: members as characters, and who speaks next (pickSpeaker). */
export function createGroupCast(deps: GroupCastDeps): GroupCast {
  const now = deps.now ?? (() => new Date().toISOString())
  return {
    load(groupId) {
      const group = deps.groups.get(groupId)
      const members = group.characterIds.map((id) => deps.findCharacter(id)).filter((c): c is Character => c !== null)
      return { group, members }
    },
    nextSpeaker({ group, members }, { chatId, last, history }) {
      if (members.length === 0) throw new AppError('NOT_FOUND', 'This group has no members left to talk to.')
      const previous = [...history, last].reverse().find((m) => m.role === 'assistant' && m.characterId)
      return pickSpeaker({
        mode: group.talkMode,
        members: members.map((m) => ({
          id: m.id,
          name: m.name,
          talkativeness: talkativenessOf(m.cardExtensions, DEFAULT_TALKATIVENESS),
          mutedUntil: group.mutedUntil[m.id] ?? null
        })),
        lastText: last.content,
        lastSpeakerId: last.role === 'assistant' ? last.characterId : null,
        previousMemberId: previous?.characterId ?? null,
        // The same chat state draws the same speaker (reproducible), a new message a new draw.
        seed: `${chatId}:${last.id}`,
        now: now()
      })
    }
  }
}
