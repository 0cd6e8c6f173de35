import type { ChatExportFormat } from '../../../../shared/contract'
import type { Chat } from '../../../../shared/domain'
import { api } from '../../api'
import { downloadBase64, fileToBase64 } from '../../files'

/** Imports a SillyTavern chat file into a character or a group; returns the new chat and the line that says so. */
export async function importChatFile(
  owner: { characterId: string } | { groupId: string },
  file: File
): Promise<{ chat: Chat; status: string }> {
  const chat = await api.chat.import({ ...owner, fileName: file.name, dataBase64: await fileToBase64(file) })
  return { chat, status: `Imported ${chat.messageCount} messages as "${chat.title}".` }
}

/** Saves a chat as a file in a format: SillyTavern .jsonl, Markdown or plain text. */
export async function exportChatFile(chatId: string, format: ChatExportFormat): Promise<void> {
  const file = await api.chat.export({ chatId, format })
  downloadBase64(file.fileName, file.dataBase64, format === 'st-jsonl' ? 'application/jsonl' : 'text/plain')
}
