import { z } from 'zod'
import { TRAIT_AXES } from '../../shared/domain'
import { CARD_FORMATS, GENERATABLE_FIELDS } from '../../shared/contract'

const shortText = z.string().max(200)
const longText = z.string().max(50_000)
const textList = z.array(z.string().max(2000)).max(100)

export const slidersSchema = z.object(
  Object.fromEntries(TRAIT_AXES.map((axis) => [axis.key, z.number().min(0).max(100)])) as Record<
    (typeof TRAIT_AXES)[number]['key'],
    z.ZodNumber
  >
)

const lorebookEntrySchema = z.object({
  keys: textList,
  secondaryKeys: textList,
  content: longText,
  comment: z.string().max(2000),
  isEnabled: z.boolean(),
  isConstant: z.boolean(),
  isSelective: z.boolean(),
  insertionOrder: z.number(),
  caseSensitive: z.boolean(),
  extra: z.record(z.string(), z.unknown())
})

const lorebookSchema = z.object({
  name: shortText,
  description: longText,
  scanDepth: z.number().int().nullable(),
  tokenBudget: z.number().int().nullable(),
  isRecursive: z.boolean(),
  entries: z.array(lorebookEntrySchema).max(5000),
  extra: z.record(z.string(), z.unknown())
})

/** Every field of a character draft; a saved character must have a name. */
export const characterDraftSchema = z.object({
  name: z.string().trim().min(1, 'A character needs a name').max(120),
  tagline: z.string().max(300),
  age: shortText,
  species: shortText,
  appearance: longText,
  backstory: longText,
  traits: textList,
  goals: textList,
  quirks: textList,
  likes: textList,
  dislikes: textList,
  speakingStyle: longText,
  scenario: longText,
  firstMessage: longText,
  alternateGreetings: z.array(longText).max(50),
  exampleDialogue: longText,
  systemPrompt: longText,
  postHistoryInstructions: longText,
  creatorNotes: longText,
  creator: shortText,
  characterVersion: shortText,
  tags: z.array(z.string().max(100)).max(100),
  sliders: slidersSchema,
  imagePrompt: z.string().max(2000),
  avatarFile: z.string().max(300).nullable(),
  expressions: z.record(z.string().max(40), z.string().max(300)),
  assets: z
    .array(
      z.object({
        type: z.string().max(100),
        name: z.string().max(300),
        ext: z.string().max(20),
        file: z.string().max(300).nullable(),
        uri: z.string().max(100_000).nullable()
      })
    )
    .max(1000),
  lorebook: lorebookSchema.nullable(),
  loras: z.array(z.object({ path: z.string().min(1).max(4096), scale: z.number().min(0).max(1) })).max(8),
  cardExtensions: z.record(z.string(), z.unknown())
})

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
