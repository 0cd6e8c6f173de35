import type { Memory } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { Embedder } from '../llm/embed/Embedder'
import type { EmbedPurpose } from '../llm/embed/embeddingPrefixes'
import { ReadWriteLock } from '../util/ReadWriteLock'
import { MAX_MEMORY_CHARS, type CandidatesInput, type Owner } from './memoryTypes'
import { readQueryHints } from './queryHints'
import type { RankInput } from './rankMemories'
import { ownerKey, type IndexRow, type ScoredId, type VectorIndex } from './VectorIndex'

/**
 * Candidates taken from each search. LoCoMo dev: evidence among the candidates 0.88 at 60, 0.92 at 100; recall@10
 * after ranking 0.789 -> 0.797. More costs BM25 and SQLite time (vector candidates are capped at 40 past 20k rows).
 */
const RECALL_DEPTH = 100

/**
 * The vector index and the embedder that fills it, swapped together: searches, indexing, refill and repair. Changes
 * are made inside MemoryService's write queue, which serialises them; searches run beside them under a read lock.
 */
export class MemoryIndex {
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
    private embedder: Embedder
  ) {}

  /** The embedding model in use (its ranking weights are fitted per model family). */
  get embedderId(): string {
    return this.embedder.id
  }

  /**
   * What a recall ranks: both searches' hits, the memories behind them with their previous turns, and the query's
   * hints (only when `speakers` is given). Also read by tools that study the ranking (bench/memory/fitRankWeights.ts).
   */
  candidates(input: CandidatesInput): Promise<RankInput> {
    return this.embedderLock.read(() => this.searchBoth(input))
  }

  /** Ids in the vector index (a consistency check against SQLite: every memory indexed once, nothing else). */
  ids(): Promise<string[]> {
    return this.embedderLock.read(() => this.index.ids())
  }

  embed(texts: readonly string[], purpose?: EmbedPurpose): Promise<Float32Array[]> {
    return this.embedder.embed(texts, purpose)
  }

  nearest(owner: Owner, vector: Float32Array, limit: number): Promise<ScoredId[]> {
    return this.index.searchVector(ownerKey(owner.characterId, owner.userId), vector, limit)
  }

  addRows(rows: readonly IndexRow[]): Promise<void> {
    return this.index.add(rows)
  }

  async add(memories: readonly Memory[]): Promise<void> {
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

  remove(ids: readonly string[]): Promise<void> {
    return this.index.remove(ids)
  }

  removeOwner(owner: Owner): Promise<void> {
    return this.index.removeOwner(ownerKey(owner.characterId, owner.userId))
  }

  optimize(): Promise<void> {
    return this.index.optimize()
  }

  /** Indexes every stored memory; a refill stopped by stopRefill leaves the index unmarked, to be refilled next start. */
  async refill(onProgress?: (progress: number) => void): Promise<number> {
    const all = this.repository.all()
    for (let i = 0; i < all.length; i += 2000) {
      if (this.isRefillStopped) return i
      await this.add(all.slice(i, i + 2000))
      onProgress?.(Math.min(1, (i + 2000) / Math.max(1, all.length)))
    }
    await this.index.optimize()
    await this.index.markFilled()
    return all.length
  }

  /** Row counts (cheap) show a difference; only then are the ids compared. Returns how many rows were fixed. */
  async repair(): Promise<number> {
    if ((await this.index.count()) === this.repository.count()) return 0
    const indexed = new Set(await this.index.ids())
    const stored = this.repository.ids()
    const storedSet = new Set(stored)
    const extra = [...indexed].filter((id) => !storedSet.has(id))
    const missing = stored.filter((id) => !indexed.has(id))
    await this.index.remove(extra)
    for (let i = 0; i < missing.length; i += 2000)
      await this.add([...this.repository.getMany(missing.slice(i, i + 2000)).values()])
    return extra.length + missing.length
  }

  /** Ends a running refill at its next batch (on quit: a GGUF embedder's refill can take minutes). */
  stopRefill(): void {
    this.isRefillStopped = true
  }

  /** A new embedder and its fresh index, once the searches in flight have ended (the old index is closed first). */
  swap(embedder: Embedder, openIndex: (embedder: Embedder) => Promise<VectorIndex>): Promise<void> {
    return this.embedderLock.write(async () => {
      const previous = this.embedder
      this.index.close()
      this.index = await openIndex(embedder)
      this.embedder = embedder
      if (previous !== embedder) await previous.dispose()
    })
  }

  close(): Promise<void> {
    return this.embedderLock.write(async () => {
      this.isClosed = true
      this.index.close()
    })
  }

  private async searchBoth(input: CandidatesInput): Promise<RankInput> {
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
}
