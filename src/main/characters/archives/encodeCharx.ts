import { zipSync, type Zippable } from 'fflate'
import type { CharacterAsset, CharacterDraft } from '../../../shared/domain'
import { cardDataFromDraft } from '../cards/cardMapping'

type Json = Record<string, unknown>

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif', 'bmp'])
const AUDIO = new Set(['mp3', 'ogg', 'wav', 'flac', 'm4a', 'opus'])
const VIDEO = new Set(['mp4', 'webm', 'mov', 'mkv'])

/** The V3 spec's folder for an asset: assets/{type}/images|audio|video|other/. */
function folderFor(type: string, ext: string): string {
  const kind = IMAGE.has(ext) ? 'images' : AUDIO.has(ext) ? 'audio' : VIDEO.has(ext) ? 'video' : 'other'
  return `assets/${type.replace(/[^A-Za-z0-9_-]/g, '_') || 'other'}/${kind}`
}

const safeName = (name: string): string => name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'asset'

export interface CharxFiles {
  avatarPng: Uint8Array
  expressions: { label: string; png: Uint8Array }[]
  assets: { asset: CharacterAsset; bytes: Uint8Array | null }[]
}

/**
 * A character as a CHARX file: `card.json` (V3, with our full profile in our extension) and its pictures under
 * `assets/`, named from the card by `embeded://` URIs: the avatar as the main icon, expressions as emotion images,
 * kept assets where they were.
 */
export function encodeCharx(draft: CharacterDraft, files: CharxFiles): Uint8Array {
  const data = cardDataFromDraft(draft)
  // Link assets that came with a JSON card (not ours to rename) travel on; embedded ones were never kept as files.
  const foreign = (Array.isArray(data.assets) ? (data.assets as Json[]) : []).filter(
    (a) => typeof a.uri === 'string' && !/^(?:embeded|embedded):\/\//.test(a.uri) && a.type !== 'icon'
  )
  const zipped: Zippable = {}
  const used = new Set<string>()
  const place = (folder: string, name: string, ext: string, bytes: Uint8Array): string => {
    let path = `${folder}/${safeName(name)}.${ext}`
    for (let n = 2; used.has(path); n++) path = `${folder}/${safeName(name)}_${n}.${ext}`
    used.add(path)
    // Pictures and sounds are compressed already; deflating them again only costs time.
    zipped[path] = [bytes, { level: IMAGE.has(ext) || AUDIO.has(ext) || VIDEO.has(ext) ? 0 : 6 }]
    return `embeded://${path}`
  }
  const assets: Json[] = [
    { type: 'icon', name: 'main', ext: 'png', uri: place('assets/icon/images', 'main', 'png', files.avatarPng) },
    ...files.expressions.map(({ label, png }) => ({
      type: 'emotion',
      name: label,
      ext: 'png',
      uri: place('assets/emotion/images', label, 'png', png)
    })),
    ...files.assets.map(({ asset, bytes }) => ({
      type: asset.type,
      name: asset.name,
      ext: asset.ext,
      uri: bytes ? place(folderFor(asset.type, asset.ext), asset.name, asset.ext, bytes) : (asset.uri ?? 'ccdefault:')
    })),
    ...foreign
  ]
  const card = {
    spec: 'chara_card_v3',
    spec_version: '3.0',
    data: { ...data, group_only_greetings: data.group_only_greetings ?? [], assets }
  }
  zipped['card.json'] = [Buffer.from(JSON.stringify(card, null, 2)), { level: 6 }]
  return zipSync(zipped)
}
