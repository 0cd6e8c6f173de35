/** The contract's groups part: inputs, results and the groups.* methods. */
import type { Group, PromptMode, TalkMode } from '../domain'
import type { DeleteResult, FileInput, IdInput } from './common'

export interface GroupCreateInput {
  name: string
  /** Two or more existing characters, in speaking order. */
  characterIds: string[]
  scenario?: string
  /** natural if not given. */
  talkMode?: TalkMode
  /** join if not given. */
  promptMode?: PromptMode
  isAutoMode?: boolean
  /** 3 if not given. */
  autoModeMaxReplies?: number
  /** Foreign fields (an imported SillyTavern group), given back on export. */
  metadata?: Record<string, unknown>
}

/** What an update may change; members are added or removed by giving the whole new list. */
export type GroupPatch = Partial<
  Pick<
    Group,
    | 'name'
    | 'scenario'
    | 'characterIds'
    | 'talkMode'
    | 'promptMode'
    | 'isAutoMode'
    | 'autoModeMaxReplies'
    | 'mutedUntil'
  >
>

export interface GroupUpdateInput {
  id: string
  patch: GroupPatch
}

export interface GroupsApi {
  list(input: Record<string, never>): Promise<Group[]>
  get(input: IdInput): Promise<Group>
  create(input: GroupCreateInput): Promise<Group>
  /** Members, modes, mutes; at least two members stay. */
  update(input: GroupUpdateInput): Promise<Group>
  /**
   * A SillyTavern group file (its groups folder's JSON) as a new group; its members are the characters of those
   * names (import their cards first). Its chats then come in with chat.import and the group's id.
   */
  import(input: FileInput): Promise<Group>
  /** The group and its chats (their memories as chat.delete treats them). */
  delete(input: IdInput): Promise<DeleteResult>
}

export interface GroupsEvents {
  /** A group was created, changed (members, modes, mutes, a member deleted) or deleted. */
  'groups.changed': { groupId: string }
}
