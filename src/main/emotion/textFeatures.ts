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
  const clean = emojiToWords(text).toLowerCase().replace(/n't\b/g, " n't").replace(/\[name\]/g, ' name ')
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

/** Hashed unigrams and bigrams, sublinear counts, L2-normalised (the shape of a TF-IDF bag without the IDF table). */
export function hashedFeatures(text: string, buckets: number): SparseFeatures {
  const tokens = tokenize(text)
  const counts = new Map<number, number>()
  const add = (feature: string): void => {
    const index = hash(feature) % buckets
    counts.set(index, (counts.get(index) ?? 0) + 1)
  }
  for (let i = 0; i < tokens.length; i++) {
    add(tokens[i]!)
    if (i > 0) add(`${tokens[i - 1]} ${tokens[i]}`)
  }
  const indices = new Int32Array(counts.size)
  const values = new Float32Array(counts.size)
  let norm = 0
  let k = 0
  for (const [index, count] of counts) {
    const value = 1 + Math.log(count)
    indices[k] = index
    values[k] = value
    norm += value * value
    k++
  }
  const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * inverse
  return { indices, values }
}
