import { MAX_AUTO_MODE_REPLIES, type Group } from '../../shared/domain/groups'
import type { GroupCreateInput, GroupPatch } from '../../shared/contract/groups'
import { AppError } from '../../shared/errors'
import type { GroupFields, GroupRepository } from '../db/repositories/GroupRepository'
import type { EventBus } from '../util/EventBus'
import { readStGroup } from './readStGroup'

/** A SillyTavern member switched off in its group stays muted until the user unmutes it. */
const MUTED_FOR_GOOD = '9999-12-31T23:59:59.000Z'

export const DEFAULT_AUTO_MODE_REPLIES = 3

export interface GroupServiceDeps {
  repository: GroupRepository
  events: EventBus
  userId: string
  /** Throws NOT_FOUND for a character that does not exist. */
  requireCharacter(characterId: string): void
  /** The user's character of this name (case aside), if any. */
  findCharacterByName(name: string): { id: string } | null
  /** Before a group goes: its chats go first, through the chat capability (their memories are cleaned up there). */
  onDeleting?(groupId: string): Promise<void>
}

/** Groups of characters that chat together: their members, talk and prompt modes, mutes. Emits groups.changed. */
export class GroupService {
  constructor(private readonly deps: GroupServiceDeps) {}

  list(): Group[] {
    return this.deps.repository.list(this.deps.userId)
  }

  get(id: string): Group {
    return this.deps.repository.get(id)
  }

  create(input: GroupCreateInput): Group {
    const fields = this.checked({
      name: input.name,
      scenario: input.scenario ?? '',
      characterIds: input.characterIds,
      talkMode: input.talkMode ?? 'natural',
      promptMode: input.promptMode ?? 'join',
      isAutoMode: input.isAutoMode ?? false,
      autoModeMaxReplies: input.autoModeMaxReplies ?? DEFAULT_AUTO_MODE_REPLIES,
      mutedUntil: {},
      metadata: input.metadata ?? {}
    })
    const group = this.deps.repository.insert(this.deps.userId, fields)
    this.changed(group.id)
    return group
  }

  /** A SillyTavern group file as a new group of the characters of its members' names; INVALID_INPUT names who is missing. */
  importSt(fileName: string, bytes: Uint8Array): Group {
    const read = readStGroup(new TextDecoder().decode(bytes), fileName)
    const missing = read.memberNames.filter((name) => !this.deps.findCharacterByName(name))
    if (missing.length > 0)
      throw new AppError(
        'INVALID_INPUT',
        `Import these characters first (their cards), then the group: ${missing.join(', ')}.`
      )
    const idOf = (name: string): string => this.deps.findCharacterByName(name)!.id
    const characterIds = [...new Set(read.memberNames.map(idOf))]
    const fields = this.checked({
      name: read.name,
      scenario: '',
      characterIds,
      talkMode: read.talkMode,
      promptMode: read.promptMode,
      isAutoMode: false,
      autoModeMaxReplies: DEFAULT_AUTO_MODE_REPLIES,
      mutedUntil: Object.fromEntries(
        read.mutedNames.filter((n) => this.deps.findCharacterByName(n)).map((n) => [idOf(n), MUTED_FOR_GOOD])
      ),
      metadata: read.metadata
    })
    const group = this.deps.repository.insert(this.deps.userId, fields)
    this.changed(group.id)
    return group
  }

  update(id: string, patch: GroupPatch): Group {
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...current } = this.deps.repository.get(id)
    const fields = this.checked({ ...current, ...patch })
    const group = this.deps.repository.update(id, fields)
    this.changed(id)
    return group
  }

  async delete(id: string): Promise<void> {
    this.deps.repository.get(id)
    await this.deps.onDeleting?.(id)
    this.deps.repository.delete(id)
    this.changed(id)
  }

  /**
   * A character is being deleted: it leaves its groups (a group may be left with one member; its chats and their
   * messages stay, each reply keeping its speaker's id and name).
   */
  removeCharacter(characterId: string): void {
    for (const groupId of this.deps.repository.idsWithMember(characterId)) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...group } = this.deps.repository.get(groupId)
      const { [characterId]: _mute, ...mutedUntil } = group.mutedUntil
      this.deps.repository.update(groupId, {
        ...group,
        characterIds: group.characterIds.filter((c) => c !== characterId),
        mutedUntil
      })
      this.changed(groupId)
    }
  }

  private checked(fields: GroupFields): GroupFields {
    const name = fields.name.trim()
    if (!name) throw new AppError('INVALID_INPUT', 'Give the group a name.')
    const ids = fields.characterIds
    if (new Set(ids).size !== ids.length)
      throw new AppError('INVALID_INPUT', 'A character can be in a group only once.')
    if (ids.length < 2) throw new AppError('INVALID_INPUT', 'A group needs at least two characters.')
    for (const characterId of ids) this.deps.requireCharacter(characterId)
    const strangers = Object.keys(fields.mutedUntil).filter((c) => !ids.includes(c))
    if (strangers.length > 0) throw new AppError('INVALID_INPUT', 'Only a member of the group can be muted.')
    for (const until of Object.values(fields.mutedUntil)) {
      if (Number.isNaN(Date.parse(until))) throw new AppError('INVALID_INPUT', 'A mute needs the time it ends.')
    }
    const replies = fields.autoModeMaxReplies
    if (!Number.isInteger(replies) || replies < 1 || replies > MAX_AUTO_MODE_REPLIES)
      throw new AppError('INVALID_INPUT', `Auto mode allows 1 to ${MAX_AUTO_MODE_REPLIES} replies in a row.`)
    return { ...fields, name, scenario: fields.scenario.trim() }
  }

  private changed(groupId: string): void {
    this.deps.events.emit('groups.changed', { groupId })
  }
}
