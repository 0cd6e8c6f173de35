import type { Memory } from '../../shared/domain'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { MemoryIndex } from './MemoryIndex'
import { ownerOf, type MemoryBrowseState, type Owner, type RecallInput } from './memoryTypes'
import { estimateTokens, packMemories, type PackedMemories } from './packMemories'
import { rankMemories } from './rankMemories'
import { rankWeightsFor } from './rankWeightsFor'

/** What a chat turn is reminded of: both searches fused and ranked, pinned and excluded ones left out, packed. */
export async function recallMemories(index: MemoryIndex, input: RecallInput): Promise<PackedMemories> {
  if (!input.query.trim()) return { used: [], block: '', tokens: 0 }
  const candidates = await index.candidates({ ...input, speakers: input.speakers ?? { names: [] } })
  const ranked = rankMemories(candidates, rankWeightsFor(index.embedderId)).filter(
    (m) => !m.isPinned && !input.exclude?.(m)
  )
  return packMemories(ranked, input.tokenBudget, input.countTokens ?? estimateTokens, input.header)
}

/** Memories matching a text (panel search, "forget that thing about my job"), best first. */
export async function searchMemories(
  index: MemoryIndex,
  owner: Owner,
  query: string,
  limit: number
): Promise<Memory[]> {
  if (!query.trim()) return []
  const candidates = await index.candidates({ ...owner, query, now: new Date(), depth: limit })
  return rankMemories(candidates, rankWeightsFor(index.embedderId)).slice(0, limit)
}

/**
 * The Memories panel: what was learned (facts, events; current or past), the session summaries, or everything;
 * a query searches them all, best match first. Raw turns are the chat itself, so only 'all' and a search show them.
 */
export async function browseMemories(
  repository: MemoryRepository,
  index: MemoryIndex,
  owner: Owner,
  state: MemoryBrowseState,
  query?: string,
  page: { limit?: number; offset?: number } = {}
): Promise<Memory[]> {
  if (query?.trim()) {
    const found = await searchMemories(index, owner, query, 50)
    return state === 'summaries' ? found.filter((m) => m.kind === 'summary') : found
  }
  const filter = { ...ownerOf(owner), ...page }
  if (state === 'summaries') return repository.list({ ...filter, state: 'all', kinds: ['summary'] })
  if (state === 'all') return repository.list({ ...filter, state })
  return repository.list({ ...filter, state, excludeKinds: ['summary', 'message'] })
}
