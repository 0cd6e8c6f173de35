import type { CharacterDraft } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import { draftFromCardData } from './cardMapping'
import { isPng, readPngText } from './pngChunks'

export interface DecodedCard {
  draft: CharacterDraft
  /** The card image when the card was a PNG (it is also the avatar). */
  image: Uint8Array | null
  spec: 'v1' | 'v2' | 'v3'
}

export const MAX_CARD_BYTES = 20 * 1024 * 1024

export function parseJson(text: string, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new AppError('CARD_INVALID', `The card's ${what} is not valid JSON.`, { cause })
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new AppError('CARD_INVALID', `The card's ${what} is not a JSON object.`)
  return value as Record<string, unknown>
}

function decodeBase64(text: string): string {
  const clean = text.trim()
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(clean))
    throw new AppError('CARD_INVALID', 'The card data inside this PNG is not valid base64.')
  return Buffer.from(clean, 'base64').toString('utf8')
}

/** Dispatch on `spec`, not on the chunk name (V3 spec); no spec means the flat V1 format. */
export function draftFromJson(json: Record<string, unknown>): { draft: CharacterDraft; spec: DecodedCard['spec'] } {
  const spec = json.spec
  const isV2 = spec === 'chara_card_v2'
  const isV3 = spec === 'chara_card_v3'
  // JSON, not String(): a spec that is not a string should read as what it is, not "[object Object]".
  if (spec !== undefined && !isV2 && !isV3)
    throw new AppError('CARD_INVALID', `Unknown card format ${JSON.stringify(spec).slice(0, 80)}.`)
  const data = isV2 || isV3 ? json.data : json
  if (!data || typeof data !== 'object') throw new AppError('CARD_INVALID', 'The card has no data section.')
  const draft = draftFromCardData(data as Record<string, unknown>)
  if (!draft.name) throw new AppError('CARD_INVALID', 'The card has no character name.')
  return { draft, spec: isV3 ? 'v3' : isV2 ? 'v2' : 'v1' }
}

/** A Character Card file (PNG with a `ccv3`/`chara` tEXt chunk, or JSON) as a profile draft. */
export function decodeCard(fileName: string, bytes: Uint8Array): DecodedCard {
  if (bytes.length === 0) throw new AppError('CARD_INVALID', `${fileName} is empty.`)
  if (bytes.length > MAX_CARD_BYTES)
    throw new AppError('CARD_INVALID', `${fileName} is too large for a character card (20 MB at most).`)
  if (isPng(bytes)) {
    const texts = readPngText(bytes)
    const payload = texts.get('ccv3') ?? texts.get('chara')
    if (!payload)
      throw new AppError('CARD_INVALID', `${fileName} is an ordinary image: it has no character card inside.`)
    return { ...draftFromJson(parseJson(decodeBase64(payload), 'data')), image: bytes }
  }
  const text = Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  if (!text.trimStart().startsWith('{'))
    throw new AppError('CARD_INVALID', `${fileName} is neither a PNG card nor a JSON card.`)
  return { ...draftFromJson(parseJson(text, 'file')), image: null }
}
