import type { CharacterDraft, TraitSliders } from '../../../shared/domain'
import { describeSliders } from '../../util/describeSliders'
import type { GeneratedField } from './characterSchema'

export const CREATION_SYSTEM_PROMPT =
  'You are a creative writer who designs original characters for an interactive role-play chat app. ' +
  'Answer only with the JSON object requested. Write vivid, specific details; no placeholders. ' +
  'The first message is the character greeting the user in their own voice; the example dialogue alternates lines ' +
  'starting with "{{user}}:" and "{{char}}:".'

/** The user's concept plus the sliders in words: numbers mean little to a small model. */
export function buildCreationPrompt(concept: string, sliders: TraitSliders): string {
  const temperament = describeSliders(sliders)
  return [
    `Create a character from this idea: "${concept.trim()}".`,
    temperament.length > 0
      ? `Their temperament: ${temperament.join(', ')}. Let this show in their traits, quirks, speaking style and first message.`
      : '',
    'Fill every field.'
  ]
    .filter(Boolean)
    .join('\n')
}

/** Regenerating one field: the rest of the profile is the context it must agree with. */
export function buildFieldPrompt(concept: string, draft: CharacterDraft, field: GeneratedField): string {
  const known = {
    name: draft.name,
    species: draft.species,
    age: draft.age,
    appearance: draft.appearance,
    backstory: draft.backstory,
    traits: draft.traits,
    speakingStyle: draft.speakingStyle
  }
  return [
    concept.trim() ? `The character was created from this idea: "${concept.trim()}".` : '',
    `Current profile: ${JSON.stringify(known)}`,
    `Temperament: ${describeSliders(draft.sliders).join(', ') || 'balanced'}.`,
    `Write a new, different "${field}" that fits this character.`
  ]
    .filter(Boolean)
    .join('\n')
}
