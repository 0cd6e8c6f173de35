import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { characterDraftSchema } from './characterInputSchemas'
import { inputSchemas } from './inputSchemas'
import { schemaFor } from './schemaFor'

// These lines are checked by `npm run typecheck` (tsconfig.node.json includes src/main): each @ts-expect-error must
// meet an error, so a schemaFor that let drift through would fail typecheck here.
const chatRename = schemaFor<'chat.rename'>()
// @ts-expect-error a contract field (title) is missing from the schema: z.object would silently strip it
chatRename(z.object({ chatId: z.string() }))
// @ts-expect-error a field the contract does not have
chatRename(z.object({ chatId: z.string(), title: z.string(), color: z.string() }))
// @ts-expect-error a field typed differently
chatRename(z.object({ chatId: z.string(), title: z.number() }))
const characterUpdate = schemaFor<'characters.update'>()
// @ts-expect-error an optional field of a partial draft (tagline) missing: the case that silently dropped edits
characterUpdate(z.object({ id: z.string(), patch: characterDraftSchema.omit({ tagline: true }).partial() }))
// @ts-expect-error an optional contract field made required
schemaFor<'profiles.update'>()(z.object({ name: z.string(), description: z.string().optional() }))

describe('schemaFor', () => {
  it('accepts a schema that parses to exactly the contract input, and returns it unchanged', () => {
    const schema = z.object({ chatId: z.string(), title: z.string().trim().min(1) })
    expect(chatRename(schema)).toBe(schema)
    expect(characterUpdate(inputSchemas['characters.update'])).toBe(inputSchemas['characters.update'])
  })

  it('methods without input refuse any key', () => {
    expect(inputSchemas['app.info'].safeParse({}).success).toBe(true)
    expect(inputSchemas['app.info'].safeParse({ extra: 1 }).success).toBe(false)
  })
})
