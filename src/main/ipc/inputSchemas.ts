import { z } from 'zod'
import { checkSchemas } from './schemaFor'
import { DATASET_FORMATS } from '../../shared/contract'
import { characterInputSchemas } from './characterInputSchemas'
import { characterVoiceSchema } from '../characters/characterDraftSchema'
import { lorebookInputSchemas } from './lorebookInputSchemas'
import { voiceInputSchemas } from './voiceInputSchemas'
import { groupInputSchemas } from './groupInputSchemas'
import { CHAT_TEMPLATES, EMOTION_CLASSIFIERS, ONNX_DTYPES } from '../../shared/domain'

// Parses to the contract's Record<string, never>: any key is refused, as z.object({}).strict() would.
const empty = z.record(z.string(), z.never())
const id = z.string().min(1).max(200)
/** A chat belongs to one character or to one group. */
const isOneOwner = (input: { characterId?: string; groupId?: string }): boolean =>
  (input.characterId === undefined) !== (input.groupId === undefined)
const ONE_OWNER = { message: 'Give a characterId or a groupId (one of them).' }
const absolutePath = z.string().min(1, 'Give the path of a .gguf file.').max(4096)

const sampling = z
  .object({
    temperature: z.number().min(0).max(5),
    topP: z.number().min(0).max(1),
    minP: z.number().min(0).max(1),
    topK: z.number().int().min(0).max(1000),
    repeatPenalty: z.number().min(0.5).max(3),
    presencePenalty: z.number().min(-2).max(2),
    frequencyPenalty: z.number().min(-2).max(2),
    dryMultiplier: z.number().min(0).max(5),
    xtcProbability: z.number().min(0).max(1),
    xtcThreshold: z.number().min(0).max(0.5),
    maxTokens: z.number().int().min(1).max(32768),
    seed: z.number().int().nullable()
  })
  .partial()

/** Input validation per method; checkSchemas fails typecheck when a schema and its contract input differ. */
export const inputSchemas = checkSchemas({
  'app.info': empty,
  'pairing.status': empty,
  'pairing.setLan': z.object({ isOn: z.boolean() }).strict(),
  'pairing.start': empty,
  'pairing.revoke': z.object({ id }).strict(),
  'models.list': empty,
  'models.inspect': z.object({ path: absolutePath }),
  'models.load': z.object({ path: absolutePath, contextSize: z.number().int().min(128).max(1_048_576).optional() }),
  'models.unload': empty,
  'models.status': empty,
  'models.add': z.object({ path: absolutePath }),
  'models.remove': z.object({ path: absolutePath }),
  'models.recommended': empty,
  'models.setEmotionModel': z.object({ path: absolutePath.nullable() }),
  'models.download': z.object({
    url: z.string().min(1).max(4096),
    fileName: z.string().max(300).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'A SHA-256 checksum is 64 hex digits')
      .optional()
  }),
  'models.downloads': empty,
  'models.pauseDownload': z.object({ id }),
  'models.resumeDownload': z.object({ id }),
  'models.cancelDownload': z.object({ id }),
  'models.getSettings': z.object({ path: absolutePath }),
  'models.updateSettings': z.object({
    path: absolutePath,
    settings: z.object({
      contextSize: z.number().int().min(128).max(1_048_576).nullable().optional(),
      gpuLayers: z.union([z.literal('auto'), z.number().int().min(0).max(1000)]).optional(),
      chatTemplate: z.enum(CHAT_TEMPLATES).optional(),
      sampling: sampling.optional()
    })
  }),
  'models.setLoras': z.object({
    loras: z.array(z.object({ path: absolutePath, scale: z.number().min(0).max(1) })).max(8)
  }),
  'characters.list': empty,
  'characters.get': z.object({ id }),
  ...characterInputSchemas,
  'profiles.get': empty,
  'profiles.update': z.object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().max(4000).optional()
  }),
  'chat.list': z.object({ characterId: id.optional(), groupId: id.optional() }).refine(isOneOwner, ONE_OWNER),
  'chat.create': z
    .object({ characterId: id.optional(), groupId: id.optional(), title: z.string().max(200).optional() })
    .refine(isOneOwner, ONE_OWNER),
  'chat.messages': z
    .object({
      chatId: id,
      before: id.optional(),
      after: id.optional(),
      around: id.optional(),
      limit: z.number().int().min(1).max(200).optional()
    })
    .refine((i) => [i.before, i.after, i.around].filter((c) => c !== undefined).length <= 1, {
      message: 'Give at most one of before, after and around.'
    }),
  'chat.search': z.object({
    query: z.string().max(1000),
    characterId: id.optional(),
    limit: z.number().int().min(1).max(100).optional()
  }),
  'chat.moods': z.object({ chatId: id, points: z.number().int().min(1).max(500).optional() }),
  'chat.send': z.object({ chatId: id, text: z.string(), streamId: id }),
  'chat.cancel': z.object({ streamId: id }),
  'chat.isStreaming': z.object({ streamId: id }),
  'chat.regenerate': z.object({ chatId: id, streamId: id }),
  'chat.continue': z.object({ chatId: id, streamId: id }),
  'chat.swipe': z.object({ messageId: id, index: z.number().int().min(0) }),
  'chat.editMessage': z.object({ messageId: id, content: z.string().max(200_000) }),
  'chat.deleteMessage': z.object({ messageId: id, keepMemories: z.boolean().optional() }),
  'chat.rename': z.object({ chatId: id, title: z.string().trim().min(1).max(200) }),
  'chat.delete': z.object({ chatId: id, keepMemories: z.boolean().optional() }),
  'chat.exportDataset': z.object({
    characterId: id,
    chatIds: z.array(id).min(1, 'Pick at least one chat').max(1000),
    format: z.enum(DATASET_FORMATS)
  }),
  'chat.import': z
    .object({
      characterId: id.optional(),
      groupId: id.optional(),
      fileName: z.string().min(1).max(300),
      dataBase64: z.string().min(1, 'The file is empty.')
    })
    .refine(isOneOwner, ONE_OWNER),
  'chat.export': z.object({ chatId: id, format: z.enum(['st-jsonl', 'markdown', 'text']) }),
  'memory.list': z.object({
    characterId: id,
    state: z.enum(['current', 'past', 'summaries', 'all']),
    query: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional()
  }),
  'memory.get': z.object({ ids: z.array(id).max(200) }),
  'memory.update': z.object({ id, text: z.string().trim().min(1, 'A memory cannot be empty').max(2000) }),
  'memory.delete': z.object({ id }),
  'memory.pin': z.object({ id, isPinned: z.boolean() }),
  'memory.share': z.object({ ids: z.array(id).min(1).max(200), characterId: id }),
  'memory.setEmbeddingModel': z.object({ path: absolutePath.nullable() }),
  'memory.importHistory': z.object({ chatId: id }),
  'memory.cancelHistory': z.object({ chatId: id }),
  'memory.historyStatus': z.object({ chatId: id }),
  ...lorebookInputSchemas,
  ...voiceInputSchemas,
  ...groupInputSchemas,
  'settings.get': empty,
  'backup.create': z.object({ path: z.string().min(1).max(4096).optional() }),
  'backup.restore': z.object({
    path: z.string().min(1).max(4096).optional(),
    file: z.object({ fileName: z.string().min(1).max(300), dataBase64: z.string() }).optional()
  }),
  'settings.update': z.object({
    sampling: sampling.optional(),
    memoryTokenBudget: z.number().int().min(0).max(32768).optional(),
    stopStrings: z.array(z.string().min(1).max(100)).max(20).optional(),
    isModelMemoryExtractionOn: z.boolean().optional(),
    emotionClassifier: z.enum(EMOTION_CLASSIFIERS).optional(),
    onnxDtype: z.enum(ONNX_DTYPES).optional(),
    autoBackupKeep: z.number().int().min(0).max(365).optional(),
    imageServer: z
      .object({ baseUrl: z.string().url().max(200), kind: z.enum(['a1111', 'comfyui']) })
      .nullable()
      .optional(),
    voice: z
      .object({
        asides: z.enum(['skip', 'narrate']),
        narratorVoice: characterVoiceSchema.nullable(),
        emotionStrength: z.number().min(0).max(1),
        readAloudChatIds: z.array(id).max(10_000),
        sttModelId: id.nullable()
      })
      .partial()
      .optional()
  })
})
