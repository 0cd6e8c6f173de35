import { blankCharacterDraft, type CharacterDraft, type TraitSliders } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { LlmRuntime } from '../../llm/LlmRuntime'
import { buildCreationPrompt, buildFieldPrompt, CREATION_SYSTEM_PROMPT } from './buildCreationPrompt'
import { buildCharacterSchema, GENERATED_FIELDS, isListField, type GeneratedField } from './characterSchema'
import { parsePartialJson } from './parsePartialJson'
import { buildImagePrompt } from '../avatar/buildImagePrompt'

export interface GenerateInput {
  concept: string
  sliders: TraitSliders
  signal?: AbortSignal
  /** The fields written so far, as the model writes them. */
  onPartial?: (partial: Partial<CharacterDraft>) => void
}

const MAX_CONCEPT_CHARS = 2000

/** Writes a character from a one-line idea with the loaded model, grammar-constrained to the profile schema. */
export class CharacterGenerator {
  constructor(private readonly runtime: LlmRuntime) {}

  async generate(input: GenerateInput): Promise<CharacterDraft> {
    const concept = checkConcept(input.concept)
    const json = await this.runJson(buildCreationPrompt(concept, input.sliders), GENERATED_FIELDS, 1600, input)
    const fields = toDraftFields(json, GENERATED_FIELDS)
    const draft = { ...blankCharacterDraft(), ...fields, sliders: input.sliders }
    return { ...draft, imagePrompt: buildImagePrompt(draft).prompt }
  }

  /** "Another backstory": one field again, consistent with the rest of the draft. */
  async generateField(
    input: Omit<GenerateInput, 'sliders'> & { draft: CharacterDraft; field: GeneratedField }
  ): Promise<Partial<CharacterDraft>> {
    const json = await this.runJson(
      buildFieldPrompt(input.concept, input.draft, input.field),
      [input.field],
      800,
      input
    )
    return toDraftFields(json, [input.field])
  }

  private async runJson(
    prompt: string,
    fields: readonly GeneratedField[],
    maxTokens: number,
    input: Pick<GenerateInput, 'signal' | 'onPartial'>
  ): Promise<Record<string, unknown>> {
    let text = ''
    let lastParse = 0
    const value = await this.runtime.generateJson({
      system: CREATION_SYSTEM_PROMPT,
      prompt,
      schema: buildCharacterSchema(fields),
      maxTokens,
      temperature: 0.9,
      signal: input.signal,
      onTextChunk: (chunk) => {
        text += chunk
        // Re-parsing the growing text on every token would cost O(n^2); the form only needs ~20 updates a second.
        const now = performance.now()
        if (!input.onPartial || now - lastParse < 50) return
        lastParse = now
        const partial = parsePartialJson(text)
        if (partial) input.onPartial(toDraftFields(partial, fields))
      }
    })
    return value as Record<string, unknown>
  }
}

function checkConcept(concept: string): string {
  const trimmed = concept.trim()
  if (!trimmed)
    throw new AppError('INVALID_INPUT', 'Describe the character first, for example "rebellious elf hacker".')
  if (trimmed.length > MAX_CONCEPT_CHARS)
    throw new AppError('INVALID_INPUT', `Keep the idea under ${MAX_CONCEPT_CHARS} characters.`)
  return trimmed
}

/** Generated JSON -> draft fields: strings trimmed, empty list items dropped. Unknown keys are ignored. */
export function toDraftFields(
  json: Record<string, unknown>,
  fields: readonly GeneratedField[]
): Partial<CharacterDraft> {
  const draft: Record<string, unknown> = {}
  for (const field of fields) {
    const value = json[field]
    if (value === undefined) continue
    if (isListField(field)) {
      draft[field] = Array.isArray(value) ? value.map((item) => textOf(item).trim()).filter(Boolean) : []
    } else {
      draft[field] = textOf(value).trim()
    }
  }
  return draft
}

/** A scalar as text; anything else (an object where text belongs) is dropped rather than shown as "[object Object]". */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
}
