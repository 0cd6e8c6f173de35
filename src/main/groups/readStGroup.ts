import type { PromptMode, TalkMode } from '../../shared/domain/groups'
import { AppError } from '../../shared/errors'

/** A SillyTavern group file read into our terms; members still by name (the caller matches them to characters). */
export interface StGroup {
  name: string
  /** Member names in order (SillyTavern lists the members' avatar files: "Aiko.png" names Aiko). */
  memberNames: string[]
  /** Members SillyTavern has switched off in the group. */
  mutedNames: string[]
  talkMode: TalkMode
  promptMode: PromptMode
  /** Every other field, given back on export. */
  metadata: Record<string, unknown>
}

/** SillyTavern's activation_strategy: 0 natural, 1 list (in order), 2 manual, 3 pooled (closest: natural). */
const TALK_MODES: Record<number, TalkMode> = { 0: 'natural', 1: 'in-order', 2: 'manual', 3: 'natural' }

const nameOf = (avatar: string): string => avatar.replace(/\.(png|webp|json|jpe?g)$/i, '').trim()

/** A SillyTavern group JSON (its groups folder); a file that is not one is FILE_INVALID. */
export function readStGroup(text: string, fileName: string): StGroup {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (cause) {
    throw new AppError('FILE_INVALID', `${fileName} is not JSON: it is not a SillyTavern group.`, { cause })
  }
  const group = value as Record<string, unknown> | null
  if (!group || typeof group !== 'object' || typeof group.name !== 'string' || !Array.isArray(group.members))
    throw new AppError('FILE_INVALID', `${fileName} has no group name and members: it is not a SillyTavern group.`)
  const { name, members, disabled_members: disabled, activation_strategy: strategy, ...rest } = group
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string').map(nameOf) : []
  return {
    name,
    memberNames: names(members),
    mutedNames: names(disabled),
    talkMode: TALK_MODES[typeof strategy === 'number' ? strategy : 0] ?? 'natural',
    // generation_mode 0 swaps cards; 1 and 2 join them.
    promptMode: group.generation_mode === 0 ? 'swap' : 'join',
    metadata: { sillytavern: { ...rest, members, disabled_members: disabled, activation_strategy: strategy } }
  }
}
