import type { Lorebook } from '../../../shared/domain'

const entryId = (extra: Record<string, unknown>): number | null =>
  typeof extra.id === 'number' && Number.isFinite(extra.id) ? extra.id : null

/**
 * The character's own card book with the lorebooks attached to it, as one card book (a card holds one): the own
 * book's entries as they are, then each attached book's entries, renumbered after the highest id so none collide.
 * The book-level settings are the own book's (or the first attached book's); the attached books' own scan depth and
 * recursion already sit in their entries (see LorebookService.cardBooksFor), so every entry keeps its behaviour.
 */
export function mergeLorebooks(own: Lorebook | null, attached: readonly Lorebook[]): Lorebook | null {
  const [first, ...others] = own ? [own, ...attached] : attached
  if (!first) return null
  let nextId = Math.max(-1, ...first.entries.map((e, i) => entryId(e.extra) ?? i)) + 1
  return {
    ...first,
    name: first.name || others.find((b) => b.name)?.name || '',
    entries: [
      ...first.entries,
      ...others.flatMap((book) => book.entries.map((entry) => ({ ...entry, extra: { ...entry.extra, id: nextId++ } })))
    ]
  }
}
