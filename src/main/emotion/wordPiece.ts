const UNKNOWN = 1
const MAX_WORD_CHARS = 100

/** BERT's punctuation: ASCII symbol ranges plus Unicode P*; each becomes a token of its own. */
function isPunctuation(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0
  return (
    (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || /\p{P}/u.test(ch)
  )
}

function isCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2b81f) ||
    (c >= 0x2b820 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  )
}

/** BertNormalizer (clean text, CJK split, lowercase, strip accents) + BertPreTokenizer: whitespace and punctuation. */
export function splitBertWords(text: string): string[] {
  const normal = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
  const words: string[] = []
  let current = ''
  const flush = (): void => {
    if (current) words.push(current)
    current = ''
  }
  for (const ch of normal) {
    const c = ch.codePointAt(0) ?? 0
    if (c === 0 || c === 0xfffd || (/[\p{Cc}\p{Cf}]/u.test(ch) && !/\s/.test(ch))) continue
    if (/\s/u.test(ch)) flush()
    else if (isPunctuation(ch) || isCjk(c)) {
      flush()
      words.push(ch)
    } else current += ch
  }
  flush()
  return words
}

/**
 * The uncased WordPiece tokenizer of potion-base-2M, rebuilt from its vocabulary so the emotion model carries its own
 * tokenizer (greedy longest match, "##" continuations, a word with an unknown piece becomes [UNK]).
 */
export function createWordPiece(vocabulary: readonly string[]): (text: string, maxTokens: number) => Int32Array {
  const ids = new Map<string, number>()
  vocabulary.forEach((token, id) => ids.set(token, id))
  let longest = 1
  for (const token of vocabulary) longest = Math.max(longest, token.replace(/^##/, '').length)
  return (text, maxTokens) => {
    const out: number[] = []
    for (const word of splitBertWords(text)) {
      if (out.length >= maxTokens) break
      if (word.length > MAX_WORD_CHARS) {
        out.push(UNKNOWN)
        continue
      }
      const pieces: number[] = []
      let start = 0
      while (start < word.length) {
        let end = Math.min(word.length, start + longest + 2)
        let found = -1
        while (end > start) {
          const piece = (start > 0 ? '##' : '') + word.slice(start, end)
          const id = ids.get(piece)
          if (id !== undefined) {
            found = id
            break
          }
          end--
        }
        if (found < 0) {
          pieces.length = 0
          pieces.push(UNKNOWN)
          break
        }
        pieces.push(found)
        start = end
      }
      out.push(...pieces)
    }
    return Int32Array.from(out.slice(0, maxTokens))
  }
}
