import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultSliders } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { storiesModel } from '../../../../tests/helpers/sharedPaths'
import { LlmRuntime } from '../../llm/LlmRuntime'
import { buildCreationPrompt } from './buildCreationPrompt'
import { GENERATED_FIELDS, isListField } from './characterSchema'
import { CharacterGenerator } from './CharacterGenerator'

describe('CharacterGenerator on the tiny GGUF', () => {
  const runtime = new LlmRuntime({ threads: 1, gpu: false, maxContextSize: 2048 })
  const generator = new CharacterGenerator(runtime)
  beforeAll(async () => {
    await runtime.load({ path: storiesModel })
  })
  afterAll(async () => {
    await runtime.dispose()
  })

  it('writes a complete profile matching the schema, streaming partial fields on the way', async () => {
    const sliders = { ...defaultSliders(), sarcasm: 95, extraversion: 10 }
    const partials: number[] = []
    const draft = await generator.generate({
      concept: 'rebellious elf hacker',
      sliders,
      onPartial: (p) => partials.push(Object.keys(p).length)
    })
    for (const field of GENERATED_FIELDS) {
      const value = draft[field]
      if (isListField(field)) {
        expect(Array.isArray(value), field).toBe(true)
        expect((value as string[]).length, field).toBeGreaterThan(0)
      } else {
        expect(typeof value, field).toBe('string')
        expect((value as string).length, field).toBeGreaterThan(0)
      }
    }
    expect(draft.sliders).toEqual(sliders)
    expect(draft.imagePrompt).toContain('anime style')
    expect(partials.length).toBeGreaterThan(5)
    expect(Math.max(...partials)).toBeGreaterThan(Math.min(...partials))
  })

  it('puts the sliders into the prompt in words', () => {
    const prompt = buildCreationPrompt('rebellious elf hacker', { ...defaultSliders(), sarcasm: 95, extraversion: 10 })
    expect(prompt).toContain('rebellious elf hacker')
    expect(prompt).toContain('extremely sarcastic')
    expect(prompt).toContain('extremely introverted')
  })

  it('regenerates a single field', async () => {
    const draft = await generator.generate({ concept: 'shy ghost librarian', sliders: defaultSliders() })
    const patch = await generator.generateField({ concept: 'shy ghost librarian', draft, field: 'backstory' })
    expect(Object.keys(patch)).toEqual(['backstory'])
    expect(patch.backstory!.length).toBeGreaterThan(0)
  })

  it('refuses an empty idea before touching the model', async () => {
    await expect(generator.generate({ concept: '   ', sliders: defaultSliders() })).rejects.toBeInstanceOf(AppError)
  })
})
