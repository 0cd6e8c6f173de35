import { z } from 'zod'
import { MAX_AUTO_MODE_REPLIES, PROMPT_MODES, TALK_MODES } from '../../shared/domain/groups'

const id = z.string().min(1).max(200)
const name = z.string().trim().min(1, 'Give the group a name').max(200)
// A group of one is refused by GroupService too (with the same code), for callers that are not the contract.
const characterIds = z.array(id).min(2, 'A group needs at least two characters').max(50)
const scenario = z.string().max(50_000)
const autoModeMaxReplies = z.number().int().min(1).max(MAX_AUTO_MODE_REPLIES)
const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'A mute needs the time it ends')

/** Input validation of the groups methods (and chat.speak, the group chat's own call). */
export const groupInputSchemas = {
  'groups.list': z.object({}).strict(),
  'groups.get': z.object({ id }),
  'groups.create': z.object({
    name,
    characterIds,
    scenario: scenario.optional(),
    talkMode: z.enum(TALK_MODES).optional(),
    promptMode: z.enum(PROMPT_MODES).optional(),
    isAutoMode: z.boolean().optional(),
    autoModeMaxReplies: autoModeMaxReplies.optional(),
    metadata: z.record(z.string(), z.unknown()).optional()
  }),
  'groups.update': z.object({
    id,
    patch: z.object({
      name: name.optional(),
      scenario: scenario.optional(),
      characterIds: characterIds.optional(),
      talkMode: z.enum(TALK_MODES).optional(),
      promptMode: z.enum(PROMPT_MODES).optional(),
      isAutoMode: z.boolean().optional(),
      autoModeMaxReplies: autoModeMaxReplies.optional(),
      mutedUntil: z.record(id, isoTime).optional()
    })
  }),
  'groups.delete': z.object({ id }),
  'groups.import': z.object({
    fileName: z.string().min(1).max(300),
    dataBase64: z.string().min(1, 'The file is empty.').max(10_000_000)
  }),
  'chat.speak': z.object({ chatId: id, characterId: id, streamId: id })
}
