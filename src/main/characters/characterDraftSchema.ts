import { z } from 'zod'
import { EMOTIONS, TRAIT_AXES, type CharacterDraft } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { isJsonWithin } from './isJsonWithin'

/**
 * A character draft as the app accepts it: from the editor (characters.create/update) and from every import
 * (cards, CHARX, Backyard), so an imported character can always be edited, exported and chatted with.
 */

/** Foreign data kept for export (card extensions, lorebook extras): any JSON, but not nested without bound. */
const jsonRecord = z
  .record(z.string(), z.unknown())
  .refine((value) => isJsonWithin(value, { maxDepth: 64, maxNodes: 200_000 }), {
    message: 'Nested too deeply or too large (64 levels and 200,000 values at most)'
  })

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
  extra: jsonRecord
})

const lorebookSchema = z.object({
  name: shortText,
  description: longText,
  scanDepth: z.number().int().nullable(),
  tokenBudget: z.number().int().nullable(),
  isRecursive: z.boolean(),
  entries: z.array(lorebookEntrySchema).max(5000),
  extra: jsonRecord
})

/** A chosen voice (see CharacterVoice); checked the same from the editor, an imported card and the settings. */
export const characterVoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('system'), voiceName: z.string().max(300), speed: z.number().min(0.25).max(4) }),
  z.object({
    kind: z.literal('neural'),
    modelId: z.string().max(4096),
    speakerId: z.number().int().min(0).max(100_000),
    speed: z.number().min(0.25).max(4),
    speakerByEmotion: z.partialRecord(z.enum(EMOTIONS), z.number().int().min(0).max(100_000)).optional()
  })
])

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
  cardExtensions: jsonRecord,
  voice: characterVoiceSchema.nullable()
})

/**
 * An imported draft as the app stores it, or CARD_INVALID naming the first bad field: a card's own profile
 * extension with wrong types, a lorebook over the editor's cap or extensions nested without bound never reach the
 * database (where they broke every later reply and export).
 */
export function parseImportedDraft(draft: CharacterDraft, fileName: string): CharacterDraft {
  const parsed = characterDraftSchema.safeParse(draft)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? issue.path.join('.') : 'data'
  throw new AppError('CARD_INVALID', `${fileName} cannot be imported: its ${where} is invalid (${issue?.message}).`)
}
