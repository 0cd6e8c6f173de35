import { EKMAN_LABELS, EKMAN_OF, FINE_LABELS, type FineLabel } from '../../src/main/emotion/labels'
import type { GoEmotionsRow } from './loadGoEmotions'

/** The index among EKMAN_LABELS of the Ekman class a fine GoEmotions label maps to. */
export const ekmanIndex = (fine: string): number => EKMAN_LABELS.indexOf(EKMAN_OF[fine as FineLabel])

/** A row's gold labels as Ekman class indexes, with the mapping file's classes. */
export const goldEkman = (row: GoEmotionsRow): Set<number> =>
  new Set(row.labels.map((id) => ekmanIndex(FINE_LABELS[id]!)))
