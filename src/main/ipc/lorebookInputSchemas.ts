import { z } from 'zod'

const id = z.string().min(1).max(200)
const keys = z.array(z.string().max(1000)).max(500)

const timed = z.number().int().min(0).max(100_000).nullable()

const loreEntry = z.object({
  id: id.optional(),
  uid: z.number().int(),
  keys,
  secondaryKeys: keys,
  selectiveLogic: z.number().int().min(0).max(3),
  content: z.string().max(200_000),
  comment: z.string().max(2000),
  isEnabled: z.boolean(),
  isConstant: z.boolean(),
  isSelective: z.boolean(),
  order: z.number(),
  position: z.number().int().min(0).max(7),
  depth: z.number().int().min(0).max(10_000),
  role: z.number().int().min(0).max(2).nullable(),
  probability: z.number().min(0).max(100),
  useProbability: z.boolean(),
  group: z.string().max(500),
  groupOverride: z.boolean(),
  groupWeight: z.number().min(0),
  useGroupScoring: z.boolean().nullable(),
  sticky: timed,
  cooldown: timed,
  delay: timed,
  caseSensitive: z.boolean().nullable(),
  matchWholeWords: z.boolean().nullable(),
  scanDepth: z.number().int().min(0).max(1000).nullable(),
  excludeRecursion: z.boolean(),
  preventRecursion: z.boolean(),
  characterFilter: z
    .object({ isExclude: z.boolean(), names: z.array(z.string().max(200)), tags: z.array(z.string().max(200)) })
    .nullable(),
  extra: z.record(z.string(), z.unknown())
})

const attachment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global') }),
  z.object({ kind: z.literal('character'), characterId: id }),
  z.object({ kind: z.literal('chat'), chatId: id })
])

/** Input validation of the lorebooks methods. */
export const lorebookInputSchemas = {
  'lorebooks.list': z.object({}).strict(),
  'lorebooks.get': z.object({ id }),
  'lorebooks.create': z.object({ name: z.string().trim().min(1, 'Give the lorebook a name').max(200) }),
  'lorebooks.import': z.object({
    fileName: z.string().min(1).max(300),
    dataBase64: z.string().min(1, 'The file is empty.')
  }),
  'lorebooks.update': z.object({
    id,
    name: z.string().trim().min(1, 'A lorebook needs a name').max(200).optional(),
    description: z.string().max(50_000).optional(),
    scanDepth: z.number().int().min(0).max(1000).nullable().optional(),
    tokenBudget: z.number().int().min(1).max(1_000_000).nullable().optional(),
    isRecursive: z.boolean().optional(),
    upsertEntries: z.array(loreEntry).max(10_000).optional(),
    deleteEntryIds: z.array(id).max(10_000).optional()
  }),
  'lorebooks.delete': z.object({ id }),
  'lorebooks.export': z.object({ id, format: z.enum(['st-worldinfo', 'card-book']) }),
  'lorebooks.attach': z.object({ id, target: attachment, isAttached: z.boolean() }),
  'lorebooks.usedEntries': z.object({ ids: z.array(z.string().min(1).max(300)).max(500) })
}
