import type { Character, UserProfile } from '../../shared/domain'
import type { LorePlacement } from '../hooks/lorePlacement'
import { describeSliders } from '../util/describeSliders'
import { substituteMacros } from '../util/substituteMacros'

const DEFAULT_INSTRUCTION =
  'You are {{char}} in an ongoing conversation with {{user}}. Stay in character at all times: speak and act as {{char}} would, ' +
  "in their voice, reacting to what {{user}} says and feels. Write only {{char}}'s reply; never write lines for {{user}}."

export function section(title: string, body: string): string | null {
  const trimmed = body.trim()
  return trimmed ? `${title}:\n${trimmed}` : null
}

function list(items: readonly string[]): string {
  return items.filter((item) => item.trim()).join('; ')
}

/** Lore text as SillyTavern adds it: the entries one per line, no heading. */
function loreBlock(lines: readonly string[] | undefined): string | null {
  const text = (lines ?? []).join('\n').trim()
  return text || null
}

/**
 * A group chat's shared system prompt with the lore SillyTavern puts in the story string: lore before the characters
 * first, lore after them and example lore at the end (the members' definitions sit between). Without lore it is
 * the prompt unchanged, so the cached prefix stays valid.
 */
export function withSystemLore(
  systemPrompt: string,
  lore: Pick<LorePlacement, 'beforeCharacter' | 'afterCharacter' | 'examplesTop' | 'examplesBottom'>
): string {
  const examples = loreBlock([...lore.examplesTop, ...lore.examplesBottom])
  const parts = [
    loreBlock(lore.beforeCharacter),
    systemPrompt,
    loreBlock(lore.afterCharacter),
    examples && `Example dialogue:\n${examples}`
  ]
  return parts.filter((part): part is string => !!part).join('\n\n')
}

/**
 * The persona block: the first and most stable part of every prompt. It changes only when the lore placed in it
 * changes (entries before or after the character's definitions, or around the examples, as SillyTavern places
 * them in its story string); otherwise the KV cache of this prefix survives the whole chat.
 */
export function buildSystemPrompt(
  character: Character,
  user: UserProfile,
  pinned: readonly string[] = [],
  lore?: Pick<LorePlacement, 'beforeCharacter' | 'afterCharacter' | 'examplesTop' | 'examplesBottom'>
): string {
  const examples = [lore?.examplesTop.join('\n'), character.exampleDialogue, lore?.examplesBottom.join('\n')]
  const parts = [
    character.systemPrompt.trim() || DEFAULT_INSTRUCTION,
    loreBlock(lore?.beforeCharacter),
    ...profileSections(character),
    section('Scenario', character.scenario),
    loreBlock(lore?.afterCharacter),
    section('Example dialogue', examples.filter((part) => part?.trim()).join('\n')),
    section(`About {{user}}`, [`Name: ${user.name}`, user.description].filter(Boolean).join('\n')),
    section('Always remember', pinned.map((text) => `- ${text}`).join('\n'))
  ]
  return substituteMacros(parts.filter((part): part is string => part !== null).join('\n\n'), {
    char: character.name,
    user: user.name
  })
}

/** Who the character is (identity, backstory, personality, tastes, voice), macros not yet substituted. */
export function profileSections(character: Character): string[] {
  const identity = [character.age && `Age: ${character.age}`, character.species && `Species: ${character.species}`]
    .filter(Boolean)
    .join('. ')
  const sliders = describeSliders(character.sliders)
  return [
    section(`About ${character.name}`, [identity, character.appearance].filter(Boolean).join('\n')),
    section('Backstory', character.backstory),
    section(
      'Personality',
      [list(character.traits), sliders.length > 0 ? `Temperament: ${sliders.join(', ')}.` : '']
        .filter(Boolean)
        .join('\n')
    ),
    section('Goals', list(character.goals)),
    section('Quirks', list(character.quirks)),
    section('Likes', list(character.likes)),
    section('Dislikes', list(character.dislikes)),
    section('Speaking style', character.speakingStyle)
  ].filter((part): part is string => part !== null)
}
