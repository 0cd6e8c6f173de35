/**
 * An FTS5 MATCH expression for what the user typed: every word must occur, the last one may be the start of a word
 * (search as you type). Each word is a quoted string, so quotes, AND/OR/NOT/NEAR, `*`, `^`, `:` and brackets are
 * plain text and no input can be a syntax error. Returns null when nothing searchable is left.
 */
export function buildMatchQuery(query: string): string | null {
  const words = query
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .flatMap((word) => word.split(' '))
    .filter((word) => word.length > 0)
    .slice(0, 16)
  if (words.length === 0) return null
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ')
}
