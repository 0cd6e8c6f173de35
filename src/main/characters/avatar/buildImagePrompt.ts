import type { CharacterDraft } from '../../../shared/domain'

const PHRASES: [RegExp, string][] = [
  [/\b(elf|elven)\b/i, 'elf, pointy ears'],
  [/\b(cat ?girl|catgirl|neko)\b/i, 'cat ears, cat tail'],
  [/\b(fox)\b/i, 'fox ears'],
  [/\b(vampire)\b/i, 'vampire, fangs'],
  [/\b(ghost)\b/i, 'ghost, translucent'],
  [/\b(robot|android|cyborg)\b/i, 'android, mechanical parts'],
  [/\b(glasses)\b/i, 'glasses'],
  [/\b(hoodie)\b/i, 'hoodie'],
  [/\b(armou?r)\b/i, 'armor'],
  [/\b(kimono)\b/i, 'kimono'],
  [/\b(freckles)\b/i, 'freckles'],
  [/\b(scar)\b/i, 'scar']
]

const COLOUR =
  '(black|brown|blonde?|golden|red|ginger|silver|white|grey|gray|pink|purple|violet|blue|teal|green|emerald|amber|orange)'
const LENGTH = '(short|long|shoulder-length|messy|braided|curly|wavy|straight)'

/** Anime/booru-style tags for an image generator, from the profile's appearance and species. */
export function buildImagePrompt(draft: Pick<CharacterDraft, 'appearance' | 'species' | 'name'>): {
  prompt: string
  negativePrompt: string
} {
  const text = `${draft.species} ${draft.appearance}`
  const tags = ['solo', 'portrait', 'upper body', 'looking at viewer']
  const hair = text.match(new RegExp(`\\b(?:${LENGTH}\\s+)?(?:${COLOUR}[- ])?(?:${LENGTH}\\s+)?hair`, 'i'))
  if (hair) tags.push(hair[0].toLowerCase().replace(/-/g, ' '))
  const eyes = text.match(new RegExp(`\\b${COLOUR}\\s+eyes`, 'i'))
  if (eyes) tags.push(eyes[0].toLowerCase())
  for (const [pattern, phrase] of PHRASES) if (pattern.test(text)) tags.push(phrase)
  tags.push('anime style', 'detailed face', 'soft lighting', 'masterpiece', 'best quality')
  return {
    prompt: [...new Set(tags)].join(', '),
    negativePrompt: 'lowres, bad anatomy, bad hands, text, watermark, signature, blurry, extra fingers, nsfw'
  }
}
