import type { LoreEntryDraft } from '../../../shared/domain'

type Stored = Partial<LoreEntryDraft> & Pick<LoreEntryDraft, 'extra'>

/** Fields modelled since entries were first stored, by their World Info name and their card-extension name. */
const LIFTED = [
  ['role', 'role', 'role'],
  ['sticky', 'sticky', 'sticky'],
  ['cooldown', 'cooldown', 'cooldown'],
  ['delay', 'delay', 'delay'],
  ['useGroupScoring', 'useGroupScoring', 'use_group_scoring']
] as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)

/**
 * An entry as stored before `role`, `sticky`, `cooldown`, `delay` and `useGroupScoring` were fields: they were kept
 * in `extra` (under their World Info name, or a card's extension name in `extra.cardExtensions`). They move to the
 * fields, so they take effect and an export writes each once; an entry missing one gets its default (null).
 */
export function upgradeLoreEntry<T extends Stored>(stored: T): T & Pick<LoreEntryDraft, (typeof LIFTED)[number][0]> {
  if (LIFTED.every(([field]) => field in stored)) return stored as T & LoreEntryDraft
  const extra = { ...stored.extra }
  const card = isRecord(extra.cardExtensions) ? { ...extra.cardExtensions } : null
  const lifted: Record<string, unknown> = {}
  for (const [field, worldInfoName, cardName] of LIFTED) {
    if (field in stored) continue
    const value = worldInfoName in extra ? extra[worldInfoName] : card && cardName in card ? card[cardName] : null
    delete extra[worldInfoName]
    if (card) delete card[cardName]
    lifted[field] = typeof value === 'number' || typeof value === 'boolean' ? value : null
  }
  if (card) {
    if (Object.keys(card).length > 0) extra.cardExtensions = card
    else delete extra.cardExtensions
  }
  return { ...stored, ...lifted, extra } as T & LoreEntryDraft
}
