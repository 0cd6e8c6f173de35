import type { DatasetExportInput, FileInput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { CharacterRepository } from '../db/repositories/CharacterRepository'
import type { ChatRepository } from '../db/repositories/ChatRepository'
import type { MessageRepository } from '../db/repositories/MessageRepository'
import type { UserRepository } from '../db/repositories/UserRepository'
import { buildFineTuneDataset } from './buildFineTuneDataset'
import { buildSystemPrompt } from './buildSystemPrompt'

/** The chosen chats of one character as a fine-tuning file; nothing leaves the machine unless the user saves it. */
export function exportDataset(
  core: { characters: CharacterRepository; chats: ChatRepository; messages: MessageRepository; users: UserRepository },
  input: DatasetExportInput
): FileInput {
  const character = core.characters.get(input.characterId)
  const user = core.users.get(character.userId)
  const conversations = input.chatIds.map((chatId) => {
    const chat = core.chats.get(chatId)
    if (chat.characterId !== character.id)
      throw new AppError('INVALID_INPUT', `The chat "${chat.title}" belongs to another character.`)
    const messages = core.messages
      .list(chatId)
      .filter((m) => m.status !== 'error')
      .map((m) => ({ role: m.role, content: m.content }))
    return { title: chat.title, messages }
  })
  const file = buildFineTuneDataset({
    systemPrompt: buildSystemPrompt(character, user),
    characterName: character.name,
    conversations,
    format: input.format
  })
  return { fileName: file.fileName, dataBase64: Buffer.from(file.text, 'utf8').toString('base64') }
}
