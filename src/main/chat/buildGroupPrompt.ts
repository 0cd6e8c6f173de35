import { blankMessage, type Character, type Message, type UserProfile } from '../../shared/domain'
import type { Group } from '../../shared/domain/groups'
import type { GroupScope } from '../hooks/chatHooks'
import { substituteMacros } from '../util/substituteMacros'
import { buildSystemPrompt, profileSections, section } from './buildSystemPrompt'

/**
 * A member's reply as the prompt shows it: "Name: text". The reply is generated after an open "Name:" turn, so its
 * text usually starts with the space the model put there; text without one (a greeting) gets one.
 */
export function speakerLine(name: string, content: string): string {
  return content === '' || /^\s/.test(content) ? `${name}:${content}` : `${name}: ${content}`
}

const joinInstruction = (names: string[], user: string): string =>
  `This is a group chat between ${user} and ${names.join(', ')}. Each character speaks in their own voice and ` +
  `stays in character. Write only the next reply of the character named at its start, as that character; never ` +
  `write lines for ${user} or for anyone else.`

/**
 * The group prompt's system part. join: every member in short form, the same whoever speaks, so the evaluated prefix
 * (and the KV cache) survives speaker changes; the speaker's full profile and own pinned memories go with the
 * per-turn context at the end (see speakerContext). swap: the speaker's full profile (SillyTavern's "swap character
 * cards"), which changes with every new speaker.
 */
export function buildGroupSystemPrompt(
  scope: GroupScope,
  speaker: Character,
  user: UserProfile,
  pinned: readonly string[]
): string {
  const { group, members } = scope
  const others = members.filter((m) => m.id !== speaker.id).map((m) => m.name)
  if (group.promptMode === 'swap') {
    const base = buildSystemPrompt(speaker, user, pinned)
    const extra = [
      `This is a group chat: ${speaker.name} talks with ${user.name}${others.length ? ` and ${others.join(', ')}` : ''}. Write only ${speaker.name}'s next reply.`,
      section('Group scenario', group.scenario)
    ].filter((part): part is string => part !== null)
    return [base, ...extra].join('\n\n')
  }
  const parts = [
    joinInstruction(
      members.map((m) => m.name),
      user.name
    ),
    section('Scenario', group.scenario),
    section('The characters', members.map((m) => shortProfile(m, user.name)).join('\n')),
    section(`About ${user.name}`, [`Name: ${user.name}`, user.description].filter(Boolean).join('\n'))
  ]
  return substituteMacros(parts.filter((part): part is string => part !== null).join('\n\n'), {
    char: speaker.name,
    user: user.name
  })
}

/** A member in one line: who they are (tagline or the backstory's first sentence), age, species, main traits. */
export function shortProfile(member: Character, userName: string): string {
  const summary = member.tagline.trim() || firstSentence(member.backstory)
  const identity = [member.age && `age ${member.age}`, member.species].filter(Boolean).join(', ')
  const traits = member.traits.filter((t) => t.trim()).slice(0, 5)
  const line = [summary, identity, traits.length > 0 ? `Personality: ${traits.join(', ')}.` : '']
    .filter(Boolean)
    .join(' ')
  return substituteMacros(`- ${member.name}${line ? `: ${line}` : ''}`, { char: member.name, user: userName })
}

function firstSentence(text: string): string {
  const trimmed = text.trim()
  const end = trimmed.search(/[.!?](\s|$)/)
  return (end >= 0 ? trimmed.slice(0, end + 1) : trimmed).slice(0, 200)
}

/**
 * What only this turn's speaker sees, at the very end of its prompt (see groupPromptMessages): in join mode its full
 * profile and pinned memories (the shared system prompt holds every member in short form only), then what was
 * recalled for it. The next turn drops it from the KV cache and keeps what followed, so the prefix stays shared.
 */
export function speakerContext(turn: {
  promptMode: Group['promptMode']
  speaker: Character
  user: UserProfile
  pinned: readonly string[]
  recalled: string
}): string {
  const { speaker, pinned } = turn
  const profile =
    turn.promptMode === 'join'
      ? substituteMacros([`${speaker.name}, who speaks next:`, ...profileSections(speaker)].join('\n'), {
          char: speaker.name,
          user: turn.user.name
        })
      : ''
  const always = pinned.length > 0 ? `${speaker.name} always remembers:\n${pinned.map((t) => `- ${t}`).join('\n')}` : ''
  return [profile, always, turn.recalled].filter(Boolean).join('\n')
}

/**
 * A group chat's messages as the prompt shows them: each reply labelled with its speaker, the user's messages with
 * what every member may see (the tone kept on them); never what was recalled for one member on an earlier turn (its
 * private memories must not reach another's prompt). This turn's own context goes last, after the newest message,
 * where only this turn reads it: the prefix before it is the same for every speaker (join mode), and the next turn
 * drops it from the KV cache and keeps what followed (see dropCutTokens).
 */
export function groupPromptMessages(messages: readonly Message[], context: string): Message[] {
  const shown = messages.map((m) =>
    m.role === 'assistant' ? { ...m, content: speakerLine(m.speakerName ?? '', m.content) } : m
  )
  if (!context) return shown
  const last = shown[shown.length - 1]
  if (last?.role === 'user')
    return [
      ...shown.slice(0, -1),
      { ...last, injectedContext: [last.injectedContext, context].filter(Boolean).join('\n') }
    ]
  const note: Message = {
    ...(last ?? blankNote()),
    id: `${last?.id ?? 'start'}#context`,
    role: 'user',
    content: context,
    injectedContext: '',
    swipes: []
  }
  return [...shown, note]
}

function blankNote(): Message {
  return blankMessage({ id: 'context' })
}
