import { createAvatar } from '@dicebear/core'
import { lorelei } from '@dicebear/collection'
import sharp from 'sharp'
import type { CharacterDraft } from '../../../shared/domain'
import { AVATAR_SIZE } from './processAvatarUpload'

const COLOURS: Record<string, string> = {
  black: '1f1b24',
  brown: '6b4226',
  blonde: 'e6c36a',
  blond: 'e6c36a',
  golden: 'd4a017',
  red: 'b22222',
  ginger: 'c65a1e',
  auburn: '8d3b1f',
  silver: 'c0c0c8',
  white: 'eeeeee',
  grey: '8e8e96',
  gray: '8e8e96',
  pink: 'f48fb1',
  purple: '8e44ad',
  violet: '8f5bd6',
  blue: '3b6fd8',
  teal: '1aa3a3',
  green: '2e9e4f',
  emerald: '2aa876',
  amber: 'ffbf00',
  orange: 'ef7d22',
  gold: 'd4af37'
}

/** "silver hair", "green eyes" -> colours for the illustrated default avatar. */
export function coloursFromAppearance(appearance: string): { hair?: string; eyes?: string } {
  const text = appearance.toLowerCase()
  const find = (part: 'hair' | 'eyes'): string | undefined => {
    const match = text.match(
      new RegExp(
        `\\b(${Object.keys(COLOURS).join('|')})(?:[- ][a-z]+)?\\s+(?:colou?red\\s+)?${part === 'hair' ? '(?:hair|locks|braids?|curls)' : '(?:eyes?|gaze)'}`
      )
    )
    return match ? COLOURS[match[1]!] : undefined
  }
  return { hair: find('hair'), eyes: find('eyes') }
}

/** A deterministic illustrated avatar (DiceBear "Lorelei", CC0) from the name and appearance; works offline. */
export function renderDefaultAvatarSvg(draft: Pick<CharacterDraft, 'name' | 'appearance'>): string {
  const { hair, eyes } = coloursFromAppearance(draft.appearance)
  return createAvatar(lorelei, {
    seed: draft.name || 'character',
    backgroundColor: ['ffd5e5', 'd5e1ff', 'e5d5ff', 'd5fff0'],
    backgroundType: ['gradientLinear'],
    ...(hair ? { hairColor: [hair] } : {}),
    ...(eyes ? { eyesColor: [eyes] } : {})
  }).toString()
}

export async function renderDefaultAvatarPng(draft: Pick<CharacterDraft, 'name' | 'appearance'>): Promise<Uint8Array> {
  return sharp(Buffer.from(renderDefaultAvatarSvg(draft)))
    .resize(AVATAR_SIZE, AVATAR_SIZE)
    .png()
    .toBuffer()
}
