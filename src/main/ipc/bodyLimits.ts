import { MAX_CHAT_IMPORT_BYTES } from '../chat/interop/ChatInterop'
import { MAX_LOREBOOK_BYTES } from '../lorebooks/readLorebookFile'
import { MAX_TRANSCRIBE_BASE64 } from './voiceInputSchemas'

const MB = 1024 * 1024

/** A file of `bytes` as base64 in a JSON body, with room for the other fields. */
function base64Body(bytes: number): number {
  return Math.ceil(bytes / 3) * 4 + MB
}

/** Every call not in the table below: enough for a long chat message or a memory edit. */
export const DEFAULT_BODY_LIMIT = 1 * MB

/**
 * Calls that need more than the default. `isUpload` calls carry files as base64 (about 4/3 of the file's size) and
 * count against the transport's concurrent-upload limit. Add a method here when it takes a file or a large
 * document; everything else keeps the small default, so one request cannot pin hundreds of megabytes before it
 * is even validated.
 */
const LARGE_BODIES: Record<string, { bytes: number; isUpload: boolean }> = {
  // CHARX and Backyard archives carry pictures: up to 50 MB (CARD_ARCHIVE_LIMITS), 67 MB as base64.
  'characters.importCard': { bytes: 72 * MB, isUpload: true },
  'characters.setAvatar': { bytes: 24 * MB, isUpload: true },
  'characters.setExpression': { bytes: 24 * MB, isUpload: true },
  'characters.importExpressions': { bytes: 64 * MB, isUpload: true },
  // The importer's own size check answers FILE_TOO_LARGE beyond this, with a clearer message than a 413.
  'chat.import': { bytes: base64Body(MAX_CHAT_IMPORT_BYTES), isUpload: true },
  'lorebooks.import': { bytes: base64Body(MAX_LOREBOOK_BYTES), isUpload: true },
  // Many entries edited at once (a pasted book): the entries' texts are the size.
  'lorebooks.update': { bytes: 16 * MB, isUpload: false },
  'backup.restore': { bytes: 256 * MB, isUpload: true },
  // A character with a full lorebook (up to 5,000 entries) is a document of several megabytes.
  'characters.create': { bytes: 16 * MB, isUpload: false },
  'characters.update': { bytes: 16 * MB, isUpload: false },
  'characters.generateField': { bytes: 16 * MB, isUpload: false },
  // A recording to transcribe (16-bit PCM as base64); microphone chunks stay under the default.
  'voice.transcribe': { bytes: MAX_TRANSCRIBE_BASE64 + MB, isUpload: true }
}

export function bodyLimitFor(method: string): number {
  return LARGE_BODIES[method]?.bytes ?? DEFAULT_BODY_LIMIT
}

/** Uploads count against the concurrent-upload limit; small calls never wait behind them. */
export function isUploadMethod(method: string): boolean {
  return LARGE_BODIES[method]?.isUpload ?? false
}
