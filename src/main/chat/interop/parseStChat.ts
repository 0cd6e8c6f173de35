import type { MessageRole } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { parseStDate } from './parseStDate'

type Json = Record<string, unknown>

export interface ParsedStMessage {
  role: MessageRole
  /** The speaker's name in that message (personas can change mid-chat; group chats name each member). */
  name: string
  content: string
  swipes: string[]
  swipeIndex: number
  /** ISO, or null when the line had no readable date. */
  createdAt: string | null
  /** Every field of the line except the texts we store as columns (`mes`, `swipes`), for a lossless export. */
  st: Json
}

export interface ParsedStChat {
  /** The first line when it is a header (absent in group chats). */
  header: Json | null
  userName: string | null
  characterName: string | null
  createdAt: string | null
  messages: ParsedStMessage[]
}

/** Names SillyTavern writes into headers it no longer reads. */
const PLACEHOLDER_NAMES = new Set(['unused', ''])
const HEADER_FIELDS = ['user_name', 'character_name', 'create_date', 'chat_metadata']

/**
 * A SillyTavern chat file (.jsonl) in every layout it has had: a TavernAI-era header with a numeric `create_date`,
 * today's `chat_metadata`-first header with placeholder names, or no header at all (group chats). A line that is
 * not JSON (a file cut short) fails the whole file: nothing is imported from a chat we cannot read to the end.
 */
export function parseStChat(text: string, fileName: string): ParsedStChat {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const objects: { line: number; value: Json }[] = []
  lines.forEach((raw, index) => {
    if (!raw.trim()) return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (cause) {
      throw new AppError(
        'FILE_INVALID',
        `Line ${index + 1} of ${fileName} is not complete JSON (the file may be cut short); nothing was imported.`,
        { cause }
      )
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new AppError(
        'FILE_INVALID',
        `Line ${index + 1} of ${fileName} is not a chat message; nothing was imported.`
      )
    objects.push({ line: index + 1, value: value as Json })
  })
  if (objects.length === 0) throw new AppError('FILE_INVALID', `${fileName} is empty: it holds no SillyTavern chat.`)

  const first = objects[0]!.value
  const hasHeader = !('mes' in first) && HEADER_FIELDS.some((field) => field in first)
  const header = hasHeader ? first : null
  const body = hasHeader ? objects.slice(1) : objects
  const realName = (value: unknown): string | null =>
    typeof value === 'string' && !PLACEHOLDER_NAMES.has(value.trim()) ? value : null
  const userName = realName(header?.user_name)
  const characterName = realName(header?.character_name)
  const createdAt = parseStDate(header?.create_date)

  const messages = body.map(({ line, value }) => {
    if (typeof value.mes !== 'string')
      throw new AppError(
        'FILE_INVALID',
        `Line ${line} of ${fileName} has no message text (mes): this is not a SillyTavern chat; nothing was imported.`
      )
    return toMessage(value, characterName)
  })
  return { header, userName, characterName, createdAt, messages }
}

function toMessage(line: Json, characterName: string | null): ParsedStMessage {
  const { mes, swipes: rawSwipes, ...st } = line
  const name = typeof line.name === 'string' ? line.name : ''
  const swipes = Array.isArray(rawSwipes) ? rawSwipes.map((s) => (typeof s === 'string' ? s : String(s ?? ''))) : []
  const swipeId = typeof line.swipe_id === 'number' && Number.isInteger(line.swipe_id) ? line.swipe_id : 0
  return {
    role: roleOf(line, name, characterName),
    name,
    content: mes as string,
    swipes,
    swipeIndex: swipes.length > 0 ? Math.min(Math.max(swipeId, 0), swipes.length - 1) : 0,
    createdAt: parseStDate(line.send_date),
    st
  }
}

/**
 * `is_system` marks both SillyTavern's own notices (narrator, help, the group chat opener) and messages the user hid
 * from the prompt; only the first are system messages, the others keep their speaker's role (and `is_system`).
 */
function roleOf(line: Json, name: string, characterName: string | null): MessageRole {
  if (line.is_user === true) return 'user'
  if (line.is_system !== true) return 'assistant'
  const extra = line.extra as Json | undefined
  if (extra && typeof extra.type === 'string') return 'system'
  if (characterName !== null && name === characterName) return 'assistant'
  return /system/i.test(name) || name === '' ? 'system' : 'assistant'
}
