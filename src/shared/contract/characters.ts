/** The contract's characters part: inputs, results and the characters.* methods. */
import type { Character, CharacterDraft, TraitSliders } from '../domain'
import type { CancelResult, DataUrlResult, DeleteResult, FileInput, IdInput, RequestIdInput } from './common'

export interface CharacterCreateInput {
  draft: CharacterDraft
}

export interface CharacterUpdateInput {
  id: string
  patch: Partial<CharacterDraft>
}

export interface CharacterGenerateInput {
  /** Chosen by the caller so progress events and cancel can name this generation. */
  requestId: string
  prompt: string
  sliders: TraitSliders
}

/** Fields the generator can write again on their own (the generator's JSON schema has exactly these). */
export const GENERATABLE_FIELDS = [
  'name',
  'tagline',
  'age',
  'species',
  'appearance',
  'backstory',
  'traits',
  'goals',
  'quirks',
  'likes',
  'dislikes',
  'speakingStyle',
  'firstMessage',
  'exampleDialogue'
] as const
export type GeneratableField = (typeof GENERATABLE_FIELDS)[number]

export interface CharacterGenerateFieldInput {
  requestId: string
  prompt: string
  draft: CharacterDraft
  field: GeneratableField
}

/** `charx`: a Character Card V3 zip with the avatar, expressions and kept assets. */
export const CARD_FORMATS = ['png-v2', 'png-v3', 'json-v2', 'json-v3', 'charx'] as const
export type CardFormat = (typeof CARD_FORMATS)[number]

export interface CharacterExportInput {
  id: string
  format: CardFormat
}

export interface CharacterAvatarInput {
  id: string
  /** The new picture, or null to go back to the generated avatar. */
  image: FileInput | null
}

export interface CharacterAvatarQuery {
  id: string
  /** The current emotion: its expression image is returned when the character has one. */
  emotion?: { label: string; fineLabel: string }
}

export interface ExpressionInput {
  id: string
  /** A GoEmotions label ("admiration") or a mood ("joy"). */
  label: string
  image: FileInput | null
}

export interface ExpressionPackInput {
  id: string
  /** Image files named after emotion labels, as SillyTavern expression packs are. */
  files: FileInput[]
}

export interface ExpressionPackResult {
  character: Character
  /** Files whose names are not emotion labels. */
  skipped: string[]
}

export interface CharactersApi {
  list(input: Record<string, never>): Promise<Character[]>
  get(input: IdInput): Promise<Character>
  create(input: CharacterCreateInput): Promise<Character>
  update(input: CharacterUpdateInput): Promise<Character>
  delete(input: IdInput): Promise<DeleteResult>
  duplicate(input: IdInput): Promise<Character>
  /** Writes a whole profile from a prompt; nothing is saved. Progress: `characters.generateProgress`. */
  generate(input: CharacterGenerateInput): Promise<CharacterDraft>
  generateField(input: CharacterGenerateFieldInput): Promise<Partial<CharacterDraft>>
  cancelGeneration(input: RequestIdInput): Promise<CancelResult>
  /** Character Card V1/V2/V3 (PNG, JSON or CHARX) or a Backyard archive (.byaf, with its chats) in; the saved character out. */
  importCard(input: FileInput): Promise<Character>
  exportCard(input: CharacterExportInput): Promise<FileInput>
  setAvatar(input: CharacterAvatarInput): Promise<Character>
  avatar(input: CharacterAvatarQuery): Promise<DataUrlResult>
  setExpression(input: ExpressionInput): Promise<Character>
  importExpressions(input: ExpressionPackInput): Promise<ExpressionPackResult>
  /** A new avatar from the configured local Stable Diffusion server, from the profile's image prompt. */
  generateAvatar(input: IdInput): Promise<Character>
}

/** Events pushed from main to the renderer by the characters services. */
export interface CharactersEvents {
  'characters.generateProgress': { requestId: string; partial: Partial<CharacterDraft> }
}
