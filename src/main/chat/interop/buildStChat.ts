import type { Chat, Message } from '../../../shared/domain'
import { humanizedStDate, parseStDate } from './parseStDate'

type Json = Record<string, unknown>

export interface ChatNames {
  user: string
  character: string
}

/** The speaker of a message as it was named in its chat (imported) or as the app names it now. */
export function speakerOf(message: Message, names: ChatNames): string {
  const st = message.metadata.st as Json | undefined
  if (typeof st?.name === 'string' && st.name) return st.name
  if (message.role === 'user') return names.user
  if (message.role === 'assistant' && message.speakerName) return message.speakerName
  return message.role === 'system' ? 'System' : names.character
}

/**
 * A chat as a SillyTavern .jsonl file that SillyTavern opens again: a header line, then one message per line with its
 * swipes. Fields an imported chat brought along (header, `extra`, `swipe_info`, the original `send_date` text) are
 * written back as they came; dates of the app's own messages are ISO 8601, which SillyTavern reads. A group chat is
 * written as SillyTavern writes one: no header line, each reply named after its speaker.
 */
export function buildStChat(chat: Chat, messages: readonly Message[], names: ChatNames, chatMetadata: Json): string {
  if (chat.groupId !== null) return messages.map((message) => JSON.stringify(stLine(message, names))).join('\n') + '\n'
  const header = (chatMetadata.header as Json | null | undefined) ?? {}
  const lines: Json[] = [
    {
      ...header,
      user_name: header.user_name ?? names.user,
      character_name: header.character_name ?? names.character,
      create_date: header.create_date ?? humanizedStDate(chat.createdAt),
      chat_metadata: header.chat_metadata ?? {}
    }
  ]
  for (const message of messages) lines.push(stLine(message, names))
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n'
}

function stLine(message: Message, names: ChatNames): Json {
  const st = (message.metadata.st as Json | undefined) ?? {}
  const sendDate = parseStDate(st.send_date) === message.createdAt ? st.send_date : message.createdAt
  const line: Json = {
    ...st,
    name: speakerOf(message, names),
    is_user: message.role === 'user',
    ...(st.is_system !== undefined || message.role === 'system' ? { is_system: st.is_system ?? true } : {}),
    send_date: sendDate,
    mes: message.content
  }
  if (message.swipes.length > 0) {
    line.swipes = message.swipes
    line.swipe_id = message.swipeIndex
    if (!Array.isArray(st.swipe_info)) line.swipe_info = message.swipes.map(() => ({ send_date: sendDate, extra: {} }))
  }
  return line
}

/** Markdown for reading or sharing: one heading per message with its speaker and time. */
export function buildMarkdownChat(chat: Chat, messages: readonly Message[], names: ChatNames): string {
  const parts = [`# ${chat.title}`, '']
  for (const message of messages) {
    parts.push(`### ${speakerOf(message, names)} · ${message.createdAt.slice(0, 16).replace('T', ' ')}`, '')
    parts.push(message.content, '')
  }
  return parts.join('\n')
}

/** Plain text: "Name: text" paragraphs. */
export function buildTextChat(chat: Chat, messages: readonly Message[], names: ChatNames): string {
  const body = messages.map((m) => `${speakerOf(m, names)}: ${m.content}`).join('\n\n')
  return `${chat.title}\n\n${body}\n`
}
