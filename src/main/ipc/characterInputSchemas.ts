import { z } from 'zod'
import { CARD_FORMATS, GENERATABLE_FIELDS } from '../../shared/contract'
import { characterDraftSchema, slidersSchema } from '../characters/characterDraftSchema'

// Handlers and services share the character schema (imports are checked with it too); kept importable from here.
export { characterDraftSchema }

export const generatableFieldSchema = z.enum(GENERATABLE_FIELDS)

const requestId = z.string().min(1).max(100)
const prompt = z.string().max(2000)

// Base64 of a 20 MB file is ~27 MB; larger uploads are refused by the HTTP transport before this.
const fileInput = z.object({ fileName: z.string().min(1).max(300), dataBase64: z.string().max(80_000_000) })

export const characterInputSchemas = {
  'characters.importCard': fileInput,
  'characters.exportCard': z.object({
    id: z.string().min(1),
    format: z.enum(CARD_FORMATS)
  }),
  'characters.setAvatar': z.object({ id: z.string().min(1), image: fileInput.nullable() }),
  'characters.avatar': z.object({
    id: z.string().min(1),
    emotion: z.object({ label: z.string().max(40), fineLabel: z.string().max(40) }).optional()
  }),
  'characters.setExpression': z.object({
    id: z.string().min(1),
    label: z.string().min(1).max(40),
    image: fileInput.nullable()
  }),
  'characters.importExpressions': z.object({ id: z.string().min(1), files: z.array(fileInput).min(1).max(60) }),
  'characters.generateAvatar': z.object({ id: z.string().min(1) }),
  'characters.create': z.object({ draft: characterDraftSchema }),
  'characters.update': z.object({ id: z.string().min(1), patch: characterDraftSchema.partial() }),
  'characters.delete': z.object({ id: z.string().min(1) }),
  'characters.duplicate': z.object({ id: z.string().min(1) }),
  'characters.generate': z.object({ requestId, prompt, sliders: slidersSchema }),
  // A draft being edited may still have an empty name.
  'characters.generateField': z.object({
    requestId,
    prompt,
    draft: characterDraftSchema.extend({ name: z.string().max(120) }),
    field: generatableFieldSchema
  }),
  'characters.cancelGeneration': z.object({ requestId })
}
