import type { ChatExportFormat } from '../../../shared/contract'
import type { Chat, MessageRole } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { CharacterRepository } from '../../db/repositories/CharacterRepository'
import type { ChatRepository } from '../../db/repositories/ChatRepository'
import type { MessageRepository } from '../../db/repositories/MessageRepository'
import type { UserRepository } from '../../db/repositories/UserRepository'
import type { Db } from '../../db/openDatabase'
import { nowIso } from '../../util/ids'
import { buildMarkdownChat, buildStChat, buildTextChat } from './buildStChat'
import { parseStChat } from './parseStChat'

/** Larger chat files are refused before they are read: months of daily chat are a few MB. */
export const MAX_CHAT_IMPORT_BYTES = 64 * 1024 * 1024

/** One message of a chat brought in from another app (SillyTavern, Backyard...). */
export interface IncomingMessage {
  role: MessageRole
  content: string
  /** All versions of the reply (empty when there is one); `content` is the one shown. */
  swipes: string[]
  swipeIndex: number
  /** ISO; null takes the previous message's time. */
  createdAt: string | null
  /** Foreign fields kept for export (e.g. `{st: {...}}` for SillyTavern). */
  metadata: Record<string, unknown>
}

export interface IncomingChat {
  title: string
  createdAt: string | null
  /** Foreign chat-level fields kept for export. */
  metadata: Record<string, unknown>
  messages: IncomingMessage[]
}

export interface ChatInteropDeps {
  db: Db
  users: UserRepository
  characters: CharacterRepository
  chats: ChatRepository
  messages: MessageRepository
  /** Called after a chat was imported (its history then goes to long-term memory in the background). */
  onImported?: (chat: Chat) => void
}

/** Chats in and out of the app: SillyTavern .jsonl import, and export as .jsonl, Markdown or text. */
export class ChatInterop {
  constructor(private readonly deps: ChatInteropDeps) {}

  /** A SillyTavern chat file as a new chat of the character; all of it or, on any error, nothing. */
  importSt(characterId: string, fileName: string, bytes: Uint8Array): Chat {
    if (bytes.byteLength > MAX_CHAT_IMPORT_BYTES)
      throw new AppError(
        'FILE_TOO_LARGE',
        `${fileName} is ${Math.round(bytes.byteLength / 1024 / 1024)} MB; chats up to ${MAX_CHAT_IMPORT_BYTES / 1024 / 1024} MB can be imported.`
      )
    const character = this.deps.characters.get(characterId)
    const parsed = parseStChat(new TextDecoder().decode(bytes), fileName)
    const base = fileName.replace(/\.jsonl?$/i, '').trim()
    return this.importMessages(characterId, {
      title: !base || /^\d+$/.test(base) ? `Chat with ${character.name} (imported)` : base,
      createdAt: parsed.createdAt,
      metadata: { source: 'sillytavern', header: parsed.header },
      messages: parsed.messages.map((m) => ({
        role: m.role,
        content: m.content,
        swipes: m.swipes,
        swipeIndex: m.swipeIndex,
        createdAt: m.createdAt,
        metadata: { st: m.st }
      }))
    })
  }

  /**
   * Any app's chat as a new chat of the character, in one transaction: importers of other formats (Backyard
   * archives) call this with their messages already read.
   */
  importMessages(characterId: string, incoming: IncomingChat): Chat {
    const character = this.deps.characters.get(characterId)
    const chat = this.deps.db.transaction(() => {
      const firstDate = incoming.createdAt ?? incoming.messages.find((m) => m.createdAt)?.createdAt ?? nowIso()
      const created = this.deps.chats.create(characterId, character.userId, incoming.title, {
        createdAt: firstDate,
        metadata: incoming.metadata
      })
      let previous = firstDate
      incoming.messages.forEach((message, index) => {
        previous = message.createdAt ?? previous
        this.deps.messages.insertImported({
          chatId: created.id,
          seq: index + 1,
          role: message.role,
          content: message.content,
          swipes: message.swipes,
          swipeIndex: message.swipeIndex,
          metadata: message.metadata,
          createdAt: previous
        })
      })
      return this.deps.chats.get(created.id)
    })()
    this.deps.onImported?.(chat)
    return chat
  }

  export(chatId: string, format: ChatExportFormat): { fileName: string; text: string } {
    const chat = this.deps.chats.get(chatId)
    // A group chat's replies carry their speakers' names; the chat's title stands for the group.
    const characterName = chat.characterId ? this.deps.characters.get(chat.characterId).name : chat.title
    const names = { user: this.deps.users.get(chat.userId).name, character: characterName }
    const messages = this.deps.messages.list(chatId)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    const base = chat.title.replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').trim() || 'chat'
    switch (format) {
      case 'st-jsonl':
        return {
          fileName: `${base}.jsonl`,
          text: buildStChat(chat, messages, names, this.deps.chats.metadata(chatId))
        }
      case 'markdown':
        return { fileName: `${base}.md`, text: buildMarkdownChat(chat, messages, names) }
      case 'text':
        return { fileName: `${base}.txt`, text: buildTextChat(chat, messages, names) }
      default:
        return format satisfies never
    }
  }
}
