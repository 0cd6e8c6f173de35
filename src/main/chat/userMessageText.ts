import { AppError } from '../../shared/errors'

export const MAX_MESSAGE_CHARS = 200_000

/** The text of a message the user sends, as it is stored (trimmed), or the typed error that says why it cannot be. */
export function userMessageText(text: string): string {
  const content = text.trim()
  if (!content) throw new AppError('INVALID_INPUT', 'Type a message first.')
  if (content.length > MAX_MESSAGE_CHARS) {
    throw new AppError('INVALID_INPUT', `Messages are limited to ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`)
  }
  return content
}
