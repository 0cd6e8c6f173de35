import { blankCharacterDraft, defaultSliders, type CharacterDraft } from '../../../shared/domain'
import { describeSliders } from '../../util/describeSliders'
import { lorebookFromCard, lorebookToCard } from './lorebook'

type Json = Record<string, unknown>

/** Our namespace inside `data.extensions`: every profile field, so export -> import is lossless. */
export const OWN_EXTENSION = 'ai-anime'
/** Card `data` fields the spec defines but we do not model (V3 assets, nickname, ...), kept for export. */
const FOREIGN_DATA_KEY = '__cardData'

const SPEC_FIELDS = [
  'name',
  'description',
  'personality',
  'scenario',
  'first_mes',
  'mes_example',
  'creator_notes',
  'system_prompt',
  'post_history_instructions',
  'alternate_greetings',
  'character_book',
  'tags',
  'creator',
  'character_version',
  'extensions'
]

const text = (value: unknown): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '')
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** Short comma lists become items; prose stays one item. */
function splitTraits(personality: string): string[] {
  const trimmed = personality.trim()
  if (!trimmed) return []
  const parts = trimmed.split(/\s*,\s*/)
  return parts.length > 1 && parts.every((p) => p.length <= 40 && !p.includes('\n')) ? parts : [trimmed]
}

/** A card's `data` (V2/V3; V1 is passed in the same shape) as our profile. */
export function draftFromCardData(data: Json): CharacterDraft {
  const extensions = (data.extensions && typeof data.extensions === 'object' ? data.extensions : {}) as Json
  const { [OWN_EXTENSION]: own, ...foreignExtensions } = extensions
  // V3's required `group_only_greetings` is written empty by our exporter; only a non-empty one is foreign data.
  const foreignData = Object.fromEntries(
    Object.entries(data).filter(
      ([key, value]) =>
        !SPEC_FIELDS.includes(key) && !(key === 'group_only_greetings' && Array.isArray(value) && value.length === 0)
    )
  )
  const standard: Partial<CharacterDraft> = {
    name: text(data.name).trim(),
    scenario: text(data.scenario),
    firstMessage: text(data.first_mes),
    exampleDialogue: text(data.mes_example),
    alternateGreetings: list(data.alternate_greetings),
    tags: list(data.tags),
    creatorNotes: text(data.creator_notes),
    systemPrompt: text(data.system_prompt),
    postHistoryInstructions: text(data.post_history_instructions),
    creator: text(data.creator),
    characterVersion: text(data.character_version),
    lorebook: lorebookFromCard(data.character_book),
    cardExtensions: {
      ...foreignExtensions,
      ...(Object.keys(foreignData).length > 0 ? { [FOREIGN_DATA_KEY]: foreignData } : {})
    }
  }
  if (own && typeof own === 'object' && (own as Json).profile) {
    // Our own card: the profile fields come from our namespace; the spec fields above win where the user may have
    // edited them in another app.
    const profile = (own as { profile: Partial<CharacterDraft> }).profile
    return { ...blankCharacterDraft(), ...profile, ...standard, avatarFile: null, expressions: {}, assets: [] }
  }
  return {
    ...blankCharacterDraft(),
    ...standard,
    backstory: text(data.description),
    traits: splitTraits(text(data.personality)),
    sliders: defaultSliders(),
    avatarFile: null
  }
}

function composeDescription(draft: CharacterDraft): string {
  const facts = [draft.age && `Age: ${draft.age}`, draft.species && `Species: ${draft.species}`]
    .filter(Boolean)
    .join('. ')
  const lines = [
    draft.appearance,
    draft.backstory,
    facts,
    draft.goals.length ? `Goals: ${draft.goals.join('; ')}` : '',
    draft.quirks.length ? `Quirks: ${draft.quirks.join('; ')}` : '',
    draft.likes.length ? `Likes: ${draft.likes.join(', ')}` : '',
    draft.dislikes.length ? `Dislikes: ${draft.dislikes.join(', ')}` : ''
  ]
  return lines.filter((l) => l.trim()).join('\n\n')
}

function composePersonality(draft: CharacterDraft): string {
  const temperament = describeSliders(draft.sliders)
  return [
    draft.traits.join(', '),
    temperament.length ? `Temperament: ${temperament.join(', ')}` : '',
    draft.speakingStyle && `Speaking style: ${draft.speakingStyle}`
  ]
    .filter(Boolean)
    .join('\n')
}

/** Our profile as card `data`, readable by SillyTavern & co., with the full profile under our extension. */
export function cardDataFromDraft(draft: CharacterDraft): Json {
  const { [FOREIGN_DATA_KEY]: foreignData, ...extensions } = draft.cardExtensions
  // Pictures stay on this machine: file names would mean nothing in another app.
  const {
    avatarFile: _avatar,
    expressions: _expressions,
    assets: _assets,
    cardExtensions: _extensions,
    lorebook,
    ...profile
  } = draft
  return {
    ...((foreignData as Json | undefined) ?? {}),
    name: draft.name,
    description: composeDescription(draft),
    personality: composePersonality(draft),
    scenario: draft.scenario,
    first_mes: draft.firstMessage,
    mes_example: draft.exampleDialogue,
    creator_notes: draft.creatorNotes,
    system_prompt: draft.systemPrompt,
    post_history_instructions: draft.postHistoryInstructions,
    alternate_greetings: draft.alternateGreetings,
    ...(lorebook ? { character_book: lorebookToCard(lorebook) } : {}),
    tags: draft.tags,
    creator: draft.creator,
    character_version: draft.characterVersion,
    extensions: { ...extensions, [OWN_EXTENSION]: { version: 1, profile } }
  }
}
