import type { ChatExportFormat } from '../../../shared/contract'
import type { Chat, MessageRole } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { CharacterRepository } from '../../db/repositories/CharacterRepository'
import type { ChatRepository } from '../../db/repositories/ChatRepository'
import type { MessageRepository } from '../../db/repositories/MessageRepository'
import type { UserRepository } from '../../db/repositories/UserRepository'
import type { Db } from '../../db/openDatabase'
import type { GroupCast } from '../../hooks/groupCast'
import { nowIso } from '../../util/ids'
import { LOCAL_USER_ID } from '../../db/repositories/UserRepository'
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
  /** In a group chat, the member who says a reply and the name it was said under (none for one-to-one chats). */
  characterId?: string | null
  speakerName?: string | null
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
  /** Groups, for group chats. */
  cast?: GroupCast
}

/** Chats in and out of the app: SillyTavern .jsonl import, and export as .jsonl, Markdown or text. */
export class ChatInterop {
  constructor(private readonly deps: ChatInteropDeps) {}

  /** A SillyTavern chat file into a character's chats or a group's (chat.import). */
  importStInto(owner: { characterId?: string; groupId?: string }, fileName: string, bytes: Uint8Array): Chat {
    if (owner.groupId !== undefined) return this.importStGroup(owner.groupId, fileName, bytes)
    if (owner.characterId === undefined) throw new AppError('INVALID_INPUT', 'Give a characterId or a groupId.')
    return this.importSt(owner.characterId, fileName, bytes)
  }

  /**
   * A SillyTavern group chat file (no header line) as a new chat of the group, all of it or nothing. Each reply's
   * speaker is the member with its name (case aside); a name no member has keeps its text and name, no character.
   */
  importStGroup(groupId: string, fileName: string, bytes: Uint8Array): Chat {
    requireSize(fileName, bytes)
    if (!this.deps.cast) throw new AppError('INTERNAL', 'Group chats are not available here.')
    const { group, members } = this.deps.cast.load(groupId)
    const parsed = parseStChat(new TextDecoder().decode(bytes), fileName)
    const byName = new Map(members.map((m) => [m.name.trim().toLowerCase(), m]))
    const base = fileName.replace(/\.jsonl?$/i, '').trim()
    const chat = this.deps.db.transaction(() => {
      const firstDate = parsed.createdAt ?? parsed.messages.find((m) => m.createdAt)?.createdAt ?? nowIso()
      const created = this.deps.chats.createInGroup(
        groupId,
        this.deps.users.get(LOCAL_USER_ID).id,
        base || group.name,
        {
          createdAt: firstDate,
          metadata: { source: 'sillytavern', header: parsed.header }
        }
      )
      const messages = parsed.messages.map((message) => {
        const speaker = message.role === 'assistant' ? byName.get(message.name.trim().toLowerCase()) : undefined
        return {
          role: message.role,
          content: message.content,
          swipes: message.swipes,
          swipeIndex: message.swipeIndex,
          createdAt: message.createdAt,
          metadata: { st: message.st },
          characterId: speaker?.id ?? null,
          speakerName: message.role === 'assistant' ? speaker?.name || message.name || null : null
        }
      })
      this.insertInOrder(created.id, firstDate, messages)
      return this.deps.chats.get(created.id)
    })()
    this.deps.onImported?.(chat)
    return chat
  }

  /** A SillyTavern chat file as a new chat of the character; all of it or, on any error, nothing. */
  importSt(characterId: string, fileName: string, bytes: Uint8Array): Chat {
    requireSize(fileName, bytes)
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
      this.insertInOrder(created.id, firstDate, incoming.messages)
      return this.deps.chats.get(created.id)
    })()
    this.deps.onImported?.(chat)
    return chat
  }

  /** The messages in their order; one without a time takes the time of the one before (the first, `firstDate`). */
  private insertInOrder(chatId: string, firstDate: string, messages: readonly IncomingMessage[]): void {
    let previous = firstDate
    messages.forEach((message, index) => {
      previous = message.createdAt ?? previous
      this.deps.messages.insertImported({
        chatId,
        seq: index + 1,
        role: message.role,
        content: message.content,
        swipes: message.swipes,
        swipeIndex: message.swipeIndex,
        metadata: message.metadata,
        createdAt: previous,
        characterId: message.characterId ?? null,
        speakerName: message.speakerName ?? null
      })
    })
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

function requireSize(fileName: string, bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_CHAT_IMPORT_BYTES)
    throw new AppError(
      'FILE_TOO_LARGE',
      `${fileName} is ${Math.round(bytes.byteLength / 1024 / 1024)} MB; chats up to ${MAX_CHAT_IMPORT_BYTES / 1024 / 1024} MB can be imported.`
    )
}
