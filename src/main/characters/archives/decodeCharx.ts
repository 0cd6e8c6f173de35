import { AppError } from '../../../shared/errors'
import type { ZipEntry } from '../../util/zip/readZip'
import { draftFromJson, parseJson } from '../cards/decodeCard'
import { expressionLabel } from './expressionLabel'
import type { ArchiveAsset, ImportedCharacter } from './importedCharacter'

type Json = Record<string, unknown>

/** `embeded://` is the spec's spelling; `embedded://` is what some writers emit anyway. */
const EMBEDDED = /^(?:embeded|embedded):\/\/(.+)$/

export function readArchiveJson(entry: ZipEntry, what: string): Json {
  return parseJson(
    Buffer.from(entry.read())
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
    what
  )
}

/** One V3 `assets[]` element with its bytes from the archive when its URI points inside it. */
function resolveAsset(raw: Json, entries: Map<string, ZipEntry>, fileName: string): ArchiveAsset | null {
  const uri = typeof raw.uri === 'string' ? raw.uri.trim() : ''
  if (!uri) return null
  const type = typeof raw.type === 'string' && raw.type ? raw.type : 'other'
  const name = typeof raw.name === 'string' ? raw.name : ''
  const embedded = EMBEDDED.exec(uri)
  const path = embedded?.[1]?.replace(/^\.?\//, '')
  const ext = (typeof raw.ext === 'string' && raw.ext ? raw.ext : (path?.split('.').pop() ?? 'unknown')).toLowerCase()
  if (!path) return { asset: { type, name, ext, uri }, bytes: null }
  const entry = entries.get(path)
  if (!entry) throw new AppError('CARD_INVALID', `${fileName} names the asset "${path}", which is not in the archive.`)
  return { asset: { type, name, ext, uri: null }, bytes: entry.read() }
}

/**
 * A CHARX file (Character Card V3 zip): `card.json` plus the assets its `embeded://` URIs point to. The main icon
 * becomes the avatar, emotion images with a name we know become expressions, everything else is kept.
 */
export function decodeCharx(fileName: string, entries: Map<string, ZipEntry>): ImportedCharacter {
  const cardEntry = entries.get('card.json')
  if (!cardEntry) throw new AppError('CARD_INVALID', `${fileName} is not a CHARX file (it has no card.json).`)
  const card = readArchiveJson(cardEntry, 'card.json')
  const data = card.data && typeof card.data === 'object' ? (card.data as Json) : null
  // The assets are taken apart here; left in the data they would also be kept as foreign card data.
  const { assets: listed, ...rest } = data ?? {}
  const rawAssets: unknown[] = Array.isArray(listed) ? listed : []
  const { draft } = draftFromJson(data ? { ...card, data: rest } : card)

  const resolved = rawAssets
    .filter((a): a is Json => !!a && typeof a === 'object')
    .map((a) => resolveAsset(a, entries, fileName))
    .filter((a): a is ArchiveAsset => a !== null)
  const icons = resolved.filter((a) => a.asset.type === 'icon' && a.bytes)
  const avatar = icons.find((a) => a.asset.name === 'main') ?? icons[0] ?? null
  const expressions: ImportedCharacter['expressions'] = []
  const assets: ArchiveAsset[] = []
  for (const item of resolved) {
    if (item === avatar) continue
    // The card's own default icon is the avatar we export anyway.
    if (item.asset.type === 'icon' && item.asset.uri === 'ccdefault:') continue
    const label = item.asset.type === 'emotion' && item.bytes ? expressionLabel(item.asset.name) : null
    if (label && !expressions.some((e) => e.label === label)) expressions.push({ label, image: item })
    else assets.push(item)
  }
  return { draft, avatar, expressions, assets, chats: [], lore: null }
}
