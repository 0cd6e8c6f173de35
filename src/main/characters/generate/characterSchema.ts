import { GENERATABLE_FIELDS, type GeneratableField } from '../../../shared/contract'

/**
 * What the LLM writes for a new character, as a JSON schema node-llama-cpp turns into a grammar. Every string and
 * list is bounded: a small local model can otherwise run out of tokens mid-string and return JSON that never parses.
 */
const text = (minLength: number, maxLength: number) => ({ type: 'string', minLength, maxLength }) as const
const list = (minItems: number, maxItems: number, maxLength: number) =>
  ({ type: 'array', items: text(2, maxLength), minItems, maxItems }) as const

export const CHARACTER_FIELD_SCHEMAS = {
  name: text(2, 40),
  tagline: text(8, 90),
  age: text(1, 20),
  species: text(2, 30),
  appearance: text(20, 320),
  backstory: text(40, 700),
  traits: list(3, 6, 30),
  goals: list(1, 4, 90),
  quirks: list(1, 4, 90),
  likes: list(2, 5, 40),
  dislikes: list(1, 5, 40),
  speakingStyle: text(10, 220),
  firstMessage: text(20, 450),
  exampleDialogue: text(20, 500)
} as const satisfies Record<GeneratableField, object>

export type GeneratedField = GeneratableField
export const GENERATED_FIELDS: readonly GeneratedField[] = GENERATABLE_FIELDS

export function buildCharacterSchema(fields: readonly GeneratedField[] = GENERATED_FIELDS): object {
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((field) => [field, CHARACTER_FIELD_SCHEMAS[field]])),
    required: [...fields]
  }
}

export function isListField(field: GeneratedField): boolean {
  return CHARACTER_FIELD_SCHEMAS[field].type === 'array'
}
