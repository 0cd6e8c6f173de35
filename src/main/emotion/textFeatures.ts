/** Emoji carry much of the emotion in chat; mapped to words the classifier has seen in training. */
const EMOJI_WORDS: [RegExp, string][] = [
  [/[😂🤣😆😹]/gu, ' haha funny lol '],
  [/[😀😃😄😁😊🙂☺😺😸🥳🎉]/gu, ' happy glad great '],
  [/[😍🥰😘😻💕💖💗💓💞💘❤♥🧡💛💚💙💜🤍🖤]/gu, ' love adore '],
  [/[😢😭😿💔🥺😞😔😟☹🙁]/gu, ' sad crying miserable '],
  [/[😡😠🤬👿💢😤]/gu, ' angry furious hate '],
  [/[😱😨😰😧😦🙀]/gu, ' scared afraid terrified '],
  [/[😮😯😲🤯😳]/gu, ' wow surprised shocked '],
  [/[🤢🤮😖😣]/gu, ' disgusting gross '],
  [/[🙏]/gu, ' thanks thank you '],
  [/[👍👌✌]/gu, ' good nice agree '],
  [/[🤔]/gu, ' confused wonder '],
  [/[😬😅]/gu, ' awkward nervous ']
]

const NEGATIONS = new Set(['not', 'no', 'never', "n't", 'cannot', 'without', 'nothing', 'nobody', 'hardly'])
export const MAX_FEATURE_CHARS = 2000

/** The first MAX_FEATURE_CHARS characters with emoji spelled as words: bounds the cost of a 100 kB message. */
export function emojiToWords(text: string): string {
  let clean = text.slice(0, MAX_FEATURE_CHARS)
  for (const [pattern, words] of EMOJI_WORDS) clean = clean.replace(pattern, words)
  return clean
}

/** Lowercased word tokens with emoji as words and "not_" marking the three words after a negation. */
export function tokenize(text: string): string[] {
  const clean = emojiToWords(text)
    .toLowerCase()
    .replace(/n't\b/g, " n't")
    .replace(/\[name\]/g, ' name ')
  const raw = clean.match(/[\p{L}\p{N}']+|[!?]/gu) ?? []
  const tokens: string[] = []
  let negated = 0
  for (const token of raw) {
    if (token === '!' || token === '?') {
      tokens.push(token)
      negated = 0
      continue
    }
    tokens.push(negated > 0 ? `not_${token}` : token)
    negated = NEGATIONS.has(token) ? 3 : Math.max(0, negated - 1)
  }
  return tokens
}

function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export interface SparseFeatures {
  indices: Int32Array
  values: Float32Array
}

/** Names the feature layout below; a model file made for other features is refused instead of read as noise. */
export const FEATURE_SET = 'words-1-2+chars-3-4'

/** The character block's weight against the word block (each L2-normalised on its own). */
const CHAR_WEIGHT = 0.7

/**
 * Hashed word unigrams and bigrams, plus character 3- and 4-grams of each word of 3+ letters ("<sooo>" shares "<so"
 * and "soo" with "so"; "grossed" shares "gros" with "gross"): Reddit spelling varies more than the word list can.
 * Sublinear counts, each block L2-normalised (the shape of a TF-IDF bag without the IDF table).
 */
export function hashedFeatures(text: string, buckets: number): SparseFeatures {
  const tokens = tokenize(text)
  const words = new Map<number, number>()
  const chars = new Map<number, number>()
  const add = (counts: Map<number, number>, feature: string): void => {
    const index = hash(feature) % buckets
    counts.set(index, (counts.get(index) ?? 0) + 1)
  }
  for (let i = 0; i < tokens.length; i++) {
    add(words, tokens[i]!)
    if (i > 0) add(words, `${tokens[i - 1]} ${tokens[i]}`)
    const word = `<${tokens[i]!.replace(/^not_/, '')}>`
    if (word.length < 5) continue
    for (let n = 3; n <= 4; n++) for (let c = 0; c + n <= word.length; c++) add(chars, `#${word.slice(c, c + n)}`)
  }
  const merged = new Map<number, number>()
  const addBlock = (counts: Map<number, number>, weight: number): void => {
    let norm = 0
    for (const count of counts.values()) norm += (1 + Math.log(count)) ** 2
    const scale = norm > 0 ? weight / Math.sqrt(norm) : 0
    for (const [index, count] of counts) merged.set(index, (merged.get(index) ?? 0) + (1 + Math.log(count)) * scale)
  }
  addBlock(words, 1)
  addBlock(chars, CHAR_WEIGHT)
  return { indices: Int32Array.from(merged.keys()), values: Float32Array.from(merged.values()) }
}
