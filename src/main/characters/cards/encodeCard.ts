import type { CharacterDraft } from '../../../shared/domain'
import { cardDataFromDraft } from './cardMapping'
import { writePngText } from './pngChunks'

import type { CardFormat } from '../../../shared/contract'

export type { CardFormat }

export function fileNameFor(name: string, extension: string): string {
  const safe =
    name
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '_') || 'character'
  return `${safe}.${extension}`
}

/**
 * A profile as a Character Card. PNG V3 carries `ccv3` plus a V2 `chara` back-fill so apps that only read V2
 * still import it (as the V3 spec recommends).
 */
export function encodeCard(
  draft: CharacterDraft,
  format: Exclude<CardFormat, 'charx'>,
  avatarPng: Uint8Array
): { fileName: string; bytes: Uint8Array } {
  const data = cardDataFromDraft(draft)
  const v2 = { spec: 'chara_card_v2', spec_version: '2.0', data }
  const v3 = {
    spec: 'chara_card_v3',
    spec_version: '3.0',
    data: { ...data, group_only_greetings: data.group_only_greetings ?? [] }
  }
  const base64 = (value: object): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64')
  switch (format) {
    case 'json-v2':
      return { fileName: fileNameFor(draft.name, 'json'), bytes: Buffer.from(JSON.stringify(v2, null, 2)) }
    case 'json-v3':
      return { fileName: fileNameFor(draft.name, 'json'), bytes: Buffer.from(JSON.stringify(v3, null, 2)) }
    case 'png-v2':
      return { fileName: fileNameFor(draft.name, 'png'), bytes: writePngText(avatarPng, { chara: base64(v2) }) }
    case 'png-v3':
      return {
        fileName: fileNameFor(draft.name, 'png'),
        bytes: writePngText(avatarPng, { chara: base64(v2), ccv3: base64(v3) })
      }
    default:
      return format satisfies never
  }
}
