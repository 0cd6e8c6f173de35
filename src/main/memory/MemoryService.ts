import type { Memory, MemoryKind } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { Embedder } from '../llm/embed/Embedder'
import { cosineSimilarity } from '../llm/embed/Embedder'
import { ReadWriteLock } from '../util/ReadWriteLock'
import { SerialQueue } from '../util/SerialQueue'
import { nowIso } from '../util/ids'
import type { MemoryRepository, NewMemory } from '../db/repositories/MemoryRepository'
import type { FactCandidate } from './memoryTypes'
import { estimateTokens, packMemories, type PackedMemories } from './packMemories'
import { placeOnSubject, planReconcile } from './planReconcile'
import { readQueryHints, type Speakers } from './queryHints'
import { rankMemories, type RankInput } from './rankMemories'
import { rankWeightsFor } from './rankWeightsFor'
import { ownerKey, type VectorIndex } from './VectorIndex'

export interface Owner {
  characterId: string
  userId: string
}

export interface IngestInput extends Owner {
  chatId: string | null
  messageId: string
  speaker: string
  text: string
  /** When it was said (ISO); the conversation's own time, not the time of ingestion. */
  at: string
  facts: readonly FactCandidate[]
  /** The turn just before (usually the character's line): stored with this one so "Yes, I did!" keeps its meaning. */
  previous?: { messageId: string; speaker: string; text: string }
}

export interface RecallInput extends Owner {
  query: string
  now: Date
  tokenBudget: number
  header: string
  countTokens?: (text: string) => number
  /** Candidates taken from each search before fusion. */
  depth?: number
  /** Leaves out memories the prompt already shows (the recent turns themselves). */
  exclude?: (memory: Memory) => boolean
  /** Who is who in the query ("I" is the asker); names raise that speaker's memories. */
  speakers?: Speakers
}

/** What the memory service tells the rest of the app, and asks of it (composed in core.ts). */
export interface MemoryServiceHooks {
  /** After every change to a character's memories, whoever made it (chat hooks, the panel, sharing). */
  onChanged?: (characterId: string) => void
  /** Throws NOT_FOUND for a character that does not exist. */
  requireCharacter?: (characterId: string) => void
  /** Whether a chat message still exists: one deleted while its memory work waited is not remembered. */
  messageExists?: (messageId: string) => boolean
}

/** Which memories the panel lists: current/past facts, session summaries, or everything (turns too). */
export type MemoryBrowseState = 'current' | 'past' | 'summaries' | 'all'

const MAX_MEMORY_CHARS = 2000
/**
 * Candidates taken from each search. LoCoMo dev: evidence among the candidates 0.88 at 60, 0.92 at 100; recall@10
 * after ranking 0.789 -> 0.797. More costs BM25 and SQLite time (vector candidates are capped at 40 past 20k rows).
 */
const RECALL_DEPTH = 100

/** Sequences the memory steps: store -> extract -> reconcile -> index, and recall -> rank -> pack. */
export class MemoryService {
  /** Writes are serialised so two facts on one subject cannot both become "current". */
  private readonly writes = new SerialQueue()
  /**
   * Searches share the embedder and index; an embedding switch (or close) replaces them alone, once the searches in
   * flight have ended: disposing a GGUF embedder under a running search crashed the process (SIGSEGV).
   */
  private readonly embedderLock = new ReadWriteLock()
  private isClosed = false
  private isRefillStopped = false

  constructor(
    private readonly repository: MemoryRepository,
    private index: VectorIndex,
    private embedder: Embedder,
    private readonly hooks: MemoryServiceHooks = {}
  ) {}

  /** Stores the turn itself (linked to its message) and the facts found in it. */
  ingest(input: IngestInput): Promise<Memory[]> {
    return this.writes.run(async () => {
      const stored: Memory[] = []
      const text = input.text.trim()
      if (!text || this.isSourceGone(input)) return stored
      const previous = input.previous?.text.trim() ? input.previous : undefined
      const context = previous ? `${previous.speaker}: ${previous.text.trim().slice(0, MAX_MEMORY_CHARS / 2)}\n` : ''
      // The line before is context that makes a short reply findable ("Yes, I did!"); the memory is this message's.
      const turn = this.repository.insert({
        ...ownerOf(input),
        chatId: input.chatId,
        kind: 'message',
        subject: null,
        speaker: input.speaker,
        text: `${context}${input.speaker}: ${text.slice(0, MAX_MEMORY_CHARS)}`,
        importance: 0.3,
        validFrom: input.at,
        sourceMessageIds: [input.messageId]
      })
      stored.push(turn)
      await this.indexMemories([turn])
      for (const fact of input.facts) {
        const saved = await this.addFact(input, fact)
        if (saved) stored.push(saved)
      }
      this.changed([input.characterId])
      return stored
    })
  }

  /**
   * Facts found later (e.g. by the model, after the reply) for a message already ingested. `speaker` is who said the
   * message: a question about that person ranks the facts as it ranks the turn ("Where do I live?" asks the user's).
   */
  addFacts(input: Omit<IngestInput, 'text' | 'speaker'> & { speaker?: string }): Promise<Memory[]> {
    return this.writes.run(async () => {
      const stored: Memory[] = []
      if (this.isSourceGone(input)) return stored
      for (const fact of input.facts) {
        const saved = await this.addFact(input, fact)
        if (saved) stored.push(saved)
      }
      if (input.facts.length > 0) this.changed([input.characterId])
      return stored
    })
  }

  addSummary(
    owner: Owner,
    chatId: string | null,
    text: string,
    sourceMessageIds: string[],
    at: string
  ): Promise<Memory> {
    return this.writes.run(async () => {
      const memory = this.repository.insert({
        ...ownerOf(owner),
        chatId,
        kind: 'summary',
        subject: null,
        text: text.slice(0, MAX_MEMORY_CHARS),
        importance: 0.6,
        validFrom: at,
        sourceMessageIds
      })
      await this.indexMemories([memory])
      this.changed([owner.characterId])
      return memory
    })
  }

  async recall(input: RecallInput): Promise<PackedMemories> {
    if (!input.query.trim()) return { used: [], block: '', tokens: 0 }
    const candidates = await this.candidates({ ...input, speakers: input.speakers ?? { names: [] } })
    const ranked = rankMemories(candidates, rankWeightsFor(this.embedder.id)).filter(
      (m) => !m.isPinned && !input.exclude?.(m)
    )
    return packMemories(ranked, input.tokenBudget, input.countTokens ?? estimateTokens, input.header)
  }

  /**
   * What a recall ranks: both searches' hits, the memories behind them with their previous turns, and the query's
   * hints (only when `speakers` is given). Public for tools that study the ranking (bench/memory/fitRankWeights.ts).
   */
  candidates(input: Owner & Pick<RecallInput, 'query' | 'now' | 'depth' | 'speakers'>): Promise<RankInput> {
    return this.embedderLock.read(() => this.searchBoth(input))
  }

  private async searchBoth(
    input: Owner & Pick<RecallInput, 'query' | 'now' | 'depth' | 'speakers'>
  ): Promise<RankInput> {
    if (this.isClosed) throw new AppError('CANCELLED', 'Memory is closing: the app is shutting down.')
    const query = input.query.trim()
    const key = ownerKey(input.characterId, input.userId)
    const depth = input.depth ?? RECALL_DEPTH
    const [vector] = await this.embedder.embed([query.slice(0, MAX_MEMORY_CHARS)], 'query')
    const [vectorHits, textHits] = await Promise.all([
      this.index.searchVector(key, vector!, depth),
      this.index.searchText(key, query.slice(0, 500), depth)
    ])
    const memories = this.repository.getMany([...new Set([...vectorHits, ...textHits].map((h) => h.id))])
    const previousTurn = this.repository.previousTurns([...memories.values()])
    const hints = input.speakers ? readQueryHints(query, input.speakers, input.now) : undefined
    return { vectorHits, textHits, memories, now: input.now, hints, previousTurn }
  }

  list(owner: Owner, state: 'current' | 'past' | 'all' = 'all', kinds?: readonly MemoryKind[]): Memory[] {
    return this.repository.list({ ...ownerOf(owner), state, kinds })
  }

  /**
   * The Memories panel: what was learned (facts, events; current or past), the session summaries, or everything;
   * a query searches them all, best match first. Raw turns are the chat itself, so only 'all' and a search show them.
   */
  async browse(
    owner: Owner,
    state: MemoryBrowseState,
    query?: string,
    page: { limit?: number; offset?: number } = {}
  ): Promise<Memory[]> {
    this.hooks.requireCharacter?.(owner.characterId)
    if (query?.trim()) {
      const found = await this.search(owner, query, 50)
      return state === 'summaries' ? found.filter((m) => m.kind === 'summary') : found
    }
    const filter = { ...ownerOf(owner), ...page }
    if (state === 'summaries') return this.repository.list({ ...filter, state: 'all', kinds: ['summary'] })
    if (state === 'all') return this.repository.list({ ...filter, state })
    return this.repository.list({ ...filter, state, excludeKinds: ['summary', 'message'] })
  }

  /** The memories with these ids that still exist (a reply's "used memories"), in no particular order. */
  getMany(ids: readonly string[]): Memory[] {
    return [...this.repository.getMany([...ids]).values()]
  }

  /** Memories matching a text (panel search, "forget that thing about my job"), best first. */
  async search(owner: Owner, query: string, limit = 20): Promise<Memory[]> {
    if (!query.trim()) return []
    const candidates = await this.candidates({ ...owner, query, now: new Date(), depth: limit })
    return rankMemories(candidates, rankWeightsFor(this.embedder.id)).slice(0, limit)
  }

  /**
   * Gives another character of the same user copies of these memories (the user shares them; otherwise characters
   * never see each other's). A copy is the target's own, marked with the character it came from and with no link to
   * a chat the target cannot open; it takes its place among the target's facts as a new fact would: the newer of two
   * on one subject is current. Turns (raw messages) stay with their chat, and what the target already knows word for
   * word is not copied again.
   */
  share(ids: readonly string[], target: Owner): Promise<Memory[]> {
    this.hooks.requireCharacter?.(target.characterId)
    return this.writes.run(async () => {
      const found = [...this.repository.getMany([...ids]).values()]
      if (found.length === 0) throw new AppError('NOT_FOUND', 'Those memories no longer exist.')
      const shareable = found.filter(
        (m) => m.kind !== 'message' && m.userId === target.userId && m.characterId !== target.characterId
      )
      if (shareable.length === 0)
        throw new AppError(
          'INVALID_INPUT',
          'Only memories of another character (not chat turns) can be shared with this one.'
        )
      const known = new Set(this.repository.list({ ...ownerOf(target), state: 'all' }).map((m) => m.text))
      const copies: Memory[] = []
      for (const memory of shareable.filter((m) => !known.has(m.text))) {
        known.add(memory.text)
        const sameSubject =
          memory.subject && !memory.validTo
            ? this.repository.currentBySubject(target.characterId, target.userId, memory.subject)
            : []
        const copy = this.repository.insert({
          ...ownerOf(target),
          chatId: null,
          kind: memory.kind,
          subject: memory.subject,
          speaker: memory.speaker,
          text: memory.text,
          importance: memory.importance,
          validFrom: memory.validFrom,
          sourceMessageIds: [],
          sharedFrom: memory.characterId
        })
        const placed = placeOnSubject(copy.validFrom, sameSubject)
        if (memory.validTo) this.repository.retire(copy.id, memory.validTo, null)
        else if (placed.action === 'retire-itself') this.repository.retire(copy.id, placed.since, placed.supersededBy)
        else for (const id of placed.retireIds) this.repository.retire(id, copy.validFrom, copy.id)
        copies.push(this.repository.get(copy.id))
      }
      await this.indexMemories(copies)
      this.changed([target.characterId])
      return copies
    })
  }

  pinnedTexts(owner: Owner): string[] {
    return this.repository.pinned(ownerOf(owner)).map((m) => m.text)
  }

  updateText(id: string, text: string): Promise<Memory> {
    return this.writes.run(async () => {
      const memory = this.repository.updateText(id, text.trim().slice(0, MAX_MEMORY_CHARS))
      await this.index.remove([id])
      await this.indexMemories([memory])
      this.changed([memory.characterId])
      return memory
    })
  }

  setPinned(id: string, isPinned: boolean): Promise<Memory> {
    return this.writes.run(async () => {
      const memory = this.repository.setPinned(id, isPinned)
      this.changed([memory.characterId])
      return memory
    })
  }

  /** One memory, deleted from the panel; NOT_FOUND when it is already gone. */
  deleteOne(id: string): Promise<void> {
    this.repository.get(id)
    return this.delete([id])
  }

  delete(ids: readonly string[]): Promise<void> {
    return this.writes.run(async () => {
      // Another deletion may have taken some first (a deleted message's memories, "forget that"): skip those.
      const found = [...this.repository.getMany([...ids]).values()]
      for (const memory of found) this.repository.delete(memory.id)
      await this.index.remove(ids)
      this.changed(found.map((m) => m.characterId))
    })
  }

  /**
   * Chat messages were deleted: the memories they were the only source of go too, or with `keep` stay, marked as
   * orphaned; a memory other messages also taught keeps those. SQLite and the index change in one write job.
   */
  forgetSources(messageIds: readonly string[], keep: boolean): Promise<{ deleted: number; orphaned: number }> {
    return this.writes.run(async () => {
      const gone = new Set(messageIds)
      const deleted: string[] = []
      let orphaned = 0
      const touched = this.repository.bySourceMessages(messageIds)
      for (const memory of touched) {
        const remaining = memory.sourceMessageIds.filter((id) => !gone.has(id))
        if (remaining.length > 0) this.repository.setSources(memory.id, remaining)
        else if (keep) {
          this.repository.markOrphaned(memory.id)
          orphaned++
        } else {
          this.repository.delete(memory.id)
          deleted.push(memory.id)
        }
      }
      await this.index.remove(deleted)
      this.changed(touched.map((m) => m.characterId))
      return { deleted: deleted.length, orphaned }
    })
  }

  /** Index rows of a deleted character (its SQLite rows go with the character). */
  dropOwner(owner: Owner): Promise<void> {
    return this.writes.run(() => this.index.removeOwner(ownerKey(owner.characterId, owner.userId)))
  }

  /** Forgets what one message taught (the memories that cite it). */
  forgetMessage(messageId: string): Promise<number> {
    const ids = this.repository.bySourceMessage(messageId).map((m) => m.id)
    return this.delete(ids).then(() => ids.length)
  }

  /** Bulk import (restores, synthetic fills): one transaction for the rows, batched index writes. */
  addMany(rows: readonly NewMemory[]): Promise<number> {
    return this.writes.run(async () => {
      for (let i = 0; i < rows.length; i += 5000) {
        const batch = this.repository.insertMany(rows.slice(i, i + 5000))
        await this.indexMemories(batch)
      }
      return rows.length
    })
  }

  /**
   * Fills the index from SQLite: after corruption, or with a new embedding model. Reports progress 0..1. Returns how
   * many memories it indexed; a refill stopped by stopRefill leaves the index unmarked, to be refilled next start.
   */
  reindexAll(onProgress?: (progress: number) => void): Promise<number> {
    return this.writes.run(() => this.refill(onProgress))
  }

  /**
   * After a crash between a SQLite write and its index write (kill -9, power loss), the two disagree: a memory stored
   * but never indexed is never recalled; a deleted one may linger in the index. Row counts (cheap) show it; only
   * then are the ids compared and the difference indexed or removed. Returns how many rows were fixed. (An edit cut
   * between its SQLite write and its index write keeps the old text's vector until the memory changes again.)
   */
  repairIndex(): Promise<number> {
    return this.writes.run(async () => {
      if ((await this.index.count()) === this.repository.count()) return 0
      const indexed = new Set(await this.index.ids())
      const stored = this.repository.ids()
      const storedSet = new Set(stored)
      const extra = [...indexed].filter((id) => !storedSet.has(id))
      const missing = stored.filter((id) => !indexed.has(id))
      await this.index.remove(extra)
      for (let i = 0; i < missing.length; i += 2000)
        await this.indexMemories([...this.repository.getMany(missing.slice(i, i + 2000)).values()])
      return extra.length + missing.length
    })
  }

  /** Ids in the vector index (a consistency check against SQLite: every memory indexed once, nothing else). */
  indexedIds(): Promise<string[]> {
    return this.embedderLock.read(() => this.index.ids())
  }

  /** Ends a running refill at its next batch (on quit: a GGUF embedder's refill can take minutes). */
  stopRefill(): void {
    this.isRefillStopped = true
  }

  /** A new embedding model: a fresh index from the same rows (the old index is closed first: same folder). */
  async swapEmbedder(
    embedder: Embedder,
    openIndex: (embedder: Embedder) => Promise<VectorIndex>,
    onProgress?: (progress: number) => void
  ): Promise<number> {
    // One write job from swap to refilled: a memory stored in between would be indexed by it and again by the refill.
    return this.writes.run(async () => {
      await this.embedderLock.write(async () => {
        const previous = this.embedder
        this.index.close()
        this.index = await openIndex(embedder)
        this.embedder = embedder
        if (previous !== embedder) await previous.dispose()
      })
      return this.refill(onProgress)
    })
  }

  get embedderId(): string {
    return this.embedder.id
  }

  optimize(): Promise<void> {
    return this.writes.run(() => this.index.optimize())
  }

  close(): Promise<void> {
    return this.writes.run(() =>
      this.embedderLock.write(async () => {
        this.isClosed = true
        this.index.close()
      })
    )
  }

  private async refill(onProgress?: (progress: number) => void): Promise<number> {
    const all = this.repository.all()
    for (let i = 0; i < all.length; i += 2000) {
      if (this.isRefillStopped) return i
      await this.indexMemories(all.slice(i, i + 2000))
      onProgress?.(Math.min(1, (i + 2000) / Math.max(1, all.length)))
    }
    await this.index.optimize()
    await this.index.markFilled()
    return all.length
  }

  private async addFact(
    input: Omit<IngestInput, 'text' | 'speaker'> & { speaker?: string },
    fact: FactCandidate
  ): Promise<Memory | null> {
    const owner = ownerOf(input)
    const sameSubject = fact.subject
      ? this.repository.currentBySubject(owner.characterId, owner.userId, fact.subject)
      : []
    const [vector] = await this.embedder.embed([fact.text])
    const nearHits = await this.index.searchVector(ownerKey(owner.characterId, owner.userId), vector!, 5)
    const near = [...this.repository.getMany(nearHits.map((h) => h.id)).values()].filter((m) => m.kind !== 'message')
    const nearVectors = await this.embedder.embed(near.map((m) => m.text))
    const similar = near.map((memory, i) => ({ memory, similarity: cosineSimilarity(vector!, nearVectors[i]!) }))
    const plan = planReconcile(fact, sameSubject, similar)
    if (plan.action === 'reinforce') {
      this.repository.reinforce(plan.id, [input.messageId], fact.importance)
      return null
    }
    const memory = this.repository.insert({
      ...owner,
      chatId: input.chatId,
      kind: fact.kind,
      subject: fact.subject,
      speaker: input.speaker ?? null,
      text: fact.text,
      importance: fact.importance,
      validFrom: input.at,
      sourceMessageIds: [input.messageId]
    })
    if (plan.action === 'supersede')
      for (const id of plan.retireIds) this.repository.retire(id, input.at ?? nowIso(), memory.id)
    await this.index.add([
      { id: memory.id, owner: ownerKey(owner.characterId, owner.userId), text: memory.text, vector: vector! }
    ])
    return memory
  }

  private async indexMemories(memories: readonly Memory[]): Promise<void> {
    const vectors = await this.embedder.embed(memories.map((m) => m.text))
    await this.index.add(
      memories.map((m, i) => ({
        id: m.id,
        owner: ownerKey(m.characterId, m.userId),
        text: m.text,
        vector: vectors[i]!
      }))
    )
  }

  /** Checked inside the write job, after whatever deletion was queued before it. */
  private isSourceGone(input: { chatId: string | null; messageId: string }): boolean {
    return input.chatId !== null && this.hooks.messageExists?.(input.messageId) === false
  }

  private changed(characterIds: readonly string[]): void {
    for (const characterId of new Set(characterIds)) this.hooks.onChanged?.(characterId)
  }
}

function ownerOf(owner: Owner): Owner {
  return { characterId: owner.characterId, userId: owner.userId }
}
