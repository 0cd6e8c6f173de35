/** The group editor's own state and the pure rules on it; nothing here talks to the services. */
import { MAX_AUTO_MODE_REPLIES, type Group, type PromptMode, type TalkMode } from '../../../../shared/domain'

export const TALK_MODE_CHOICES: readonly { value: TalkMode; label: string; hint: string }[] = [
  {
    value: 'natural',
    label: 'Natural',
    hint: 'Whoever you name or address answers first; otherwise the talkative ones.'
  },
  { value: 'in-order', label: 'In order', hint: 'Each member answers in turn.' },
  { value: 'manual', label: 'Manual', hint: 'You choose who answers, or click a member to have them speak.' }
]

export const PROMPT_MODE_CHOICES: readonly { value: PromptMode; label: string; hint: string }[] = [
  {
    value: 'join',
    label: 'Join',
    hint: 'Every member’s profile: each knows the others, and the model rereads less between turns.'
  },
  { value: 'swap', label: 'Swap', hint: 'Only the speaker’s profile, in full; the others by name.' }
]

/** How long a mute can last, in minutes, as the editor offers it. */
export const MUTE_CHOICES = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 60 * 24, label: '1 day' },
  { minutes: 60 * 24 * 7, label: '1 week' }
] as const

export const AUTO_REPLIES_MIN = 1
export const AUTO_REPLIES_MAX = MAX_AUTO_MODE_REPLIES

export interface GroupForm {
  name: string
  /** Member character ids, in the group's order (the "in order" turn order). */
  characterIds: string[]
  scenario: string
  talkMode: TalkMode
  promptMode: PromptMode
  /** Members keep talking among themselves after the user's message. */
  isAutoMode: boolean
  /** Auto mode: how many replies members write among themselves before waiting for the user. */
  autoModeMaxReplies: number
  /** Member id -> ISO time its mute ends; a member absent here speaks. */
  mutedUntil: Record<string, string>
}

export function blankGroupForm(): GroupForm {
  return {
    name: '',
    characterIds: [],
    scenario: '',
    talkMode: 'natural',
    promptMode: 'join',
    isAutoMode: false,
    autoModeMaxReplies: 3,
    mutedUntil: {}
  }
}

/** What keeps the form from being saved, in words for the user; null when it can be saved. */
export function formProblem(form: GroupForm): string | null {
  if (!form.name.trim()) return 'Give the group a name.'
  if (new Set(form.characterIds).size < 2) return 'A group needs at least two members.'
  if (
    !Number.isInteger(form.autoModeMaxReplies) ||
    form.autoModeMaxReplies < AUTO_REPLIES_MIN ||
    form.autoModeMaxReplies > AUTO_REPLIES_MAX
  )
    return `Auto mode replies must be a whole number from ${AUTO_REPLIES_MIN} to ${AUTO_REPLIES_MAX}.`
  return null
}

export function addMember(form: GroupForm, id: string): GroupForm {
  return form.characterIds.includes(id) ? form : { ...form, characterIds: [...form.characterIds, id] }
}

/** A removed member's mute goes with it. */
export function removeMember(form: GroupForm, id: string): GroupForm {
  const { [id]: _dropped, ...mutedUntil } = form.mutedUntil
  return { ...form, characterIds: form.characterIds.filter((m) => m !== id), mutedUntil }
}

/** Moves a member one place earlier (-1) or later (+1) in the turn order. */
export function moveMember(form: GroupForm, id: string, delta: -1 | 1): GroupForm {
  const from = form.characterIds.indexOf(id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= form.characterIds.length) return form
  const characterIds = [...form.characterIds]
  characterIds.splice(from, 1)
  characterIds.splice(to, 0, id)
  return { ...form, characterIds }
}

/** `minutes` null unmutes. */
export function muteMember(form: GroupForm, id: string, minutes: number | null, now: Date): GroupForm {
  const { [id]: _previous, ...rest } = form.mutedUntil
  if (minutes === null) return { ...form, mutedUntil: rest }
  return { ...form, mutedUntil: { ...rest, [id]: new Date(now.getTime() + minutes * 60_000).toISOString() } }
}

/** Whether a member is muted at `now` (a mute that has run out no longer counts). */
export function isMuted(form: Pick<GroupForm, 'mutedUntil'>, id: string, now: Date): boolean {
  const until = form.mutedUntil[id]
  return until !== undefined && Date.parse(until) > now.getTime()
}

/** The editor's form for a stored group. */
export function formOf(group: Group): GroupForm {
  return {
    name: group.name,
    characterIds: [...group.characterIds],
    scenario: group.scenario,
    talkMode: group.talkMode,
    promptMode: group.promptMode,
    isAutoMode: group.isAutoMode,
    autoModeMaxReplies: group.autoModeMaxReplies,
    mutedUntil: { ...group.mutedUntil }
  }
}
