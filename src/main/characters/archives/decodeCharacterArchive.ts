import { AppError } from '../../../shared/errors'
import { readZip } from '../../util/zip/readZip'
import { decodeByaf } from './decodeByaf'
import { decodeCharx } from './decodeCharx'
import { CARD_ARCHIVE_LIMITS, type ImportedCharacter } from './importedCharacter'

/** A character archive: a CHARX (`card.json` at the root) or a Backyard archive (`manifest.json`), by content. */
export function decodeCharacterArchive(fileName: string, bytes: Uint8Array): ImportedCharacter {
  const entries = readZip(bytes, { what: `${fileName}:`, code: 'CARD_INVALID', limits: CARD_ARCHIVE_LIMITS })
  if (entries.has('card.json')) return decodeCharx(fileName, entries)
  if (entries.has('manifest.json') || /\.byaf$/i.test(fileName)) return decodeByaf(fileName, entries)
  throw new AppError(
    'CARD_INVALID',
    `${fileName} is a zip archive but neither a CHARX (card.json) nor a Backyard archive.`
  )
}
