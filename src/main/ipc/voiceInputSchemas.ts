import { z } from 'zod'
import { EMOTIONS } from '../../shared/domain'

/** Base64 of about 30 MB of 16-bit PCM: 15 minutes at 16 kHz. The HTTP transport's body limit matches (bodyLimits). */
export const MAX_TRANSCRIBE_BASE64 = 40_000_000
/** A microphone chunk: a few seconds at most (the worklet sends about 100 ms). */
const MAX_CHUNK_BASE64 = 1_000_000

const empty = z.record(z.string(), z.never())
const id = z.string().min(1).max(200)
const sessionId = z.string().min(1).max(100)
const base64 = (max: number): z.ZodString =>
  z
    .string()
    .max(max, 'That recording is too long.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The audio must be base64.')
const sampleRate = z.number().int().min(8000).max(48_000)

export const voiceInputSchemas = {
  'voice.models': empty,
  'voice.addModel': z.object({ path: z.string().min(1, 'Give the folder of a voice model.').max(4096) }),
  'voice.removeModel': z.object({ id }),
  'voice.synthesize': z.object({
    text: z.string().trim().min(1, 'There is nothing to say.').max(5000),
    modelId: id,
    speakerId: z.number().int().min(0).max(100_000).optional(),
    speakerByEmotion: z.partialRecord(z.enum(EMOTIONS), z.number().int().min(0).max(100_000)).optional(),
    speed: z.number().min(0.5).max(2).optional(),
    emotion: z
      .object({ label: z.enum(EMOTIONS), confidence: z.number().min(0).max(1) })
      .nullable()
      .optional(),
    emotionStrength: z.number().min(0).max(1).optional(),
    requestId: z.string().min(1).max(100).optional()
  }),
  'voice.cancel': z.object({ requestId: z.string().min(1).max(100) }),
  'voice.transcribe': z.object({
    audioBase64: base64(MAX_TRANSCRIBE_BASE64),
    sampleRate: sampleRate.optional(),
    modelId: id.optional()
  }),
  'voice.listenStart': z.object({
    sessionId,
    modelId: id.optional(),
    sampleRate: sampleRate.optional(),
    endSilenceSeconds: z.number().min(0.2).max(3).optional()
  }),
  'voice.listenChunk': z.object({ sessionId, audioBase64: base64(MAX_CHUNK_BASE64) }),
  'voice.listenStop': z.object({ sessionId })
}
