import type { Memory, MemoryKind } from '../../shared/domain'
import type { Embedder } from '../llm/embed/Embedder'
import { SerialQueue } from '../util/SerialQueue'
import type { MemoryRepository } from '../db/repositories/MemoryRepository'
import type { MemoryIndex } from './MemoryIndex'
import {
  MAX_MEMORY_CHARS,
  ownerOf,
  type FactSource,
  type IngestInput,
  type MemoryBrowseState,
  type MemoryServiceHooks,
  type Owner,
  type RecallInput
} from './memoryTypes'
import type { PackedMemories } from './packMemories'
import { browseMemories, recallMemories, searchMemories } from './recallMemories'
import { copyShared, storeFacts } from './reconcileMemories'
import { forgetSources } from './forgetSources'
import { summaryRow, turnRow } from './newMemoryRows'
import type { VectorIndex } from './VectorIndex'

export type { IngestInput, MemoryBrowseState, MemoryServiceHooks, Owner, RecallInput } from './memoryTypes'

/** Sequences the memory steps: store -> extract -> reconcile -> index, and recall -> rank -> pack. */
export class MemoryService {
  /** Writes are serialised so two facts on one subject cannot both become "current". */
  private readonly writes = new SerialQueue()

  constructor(
    private readonly repository: MemoryRepository,
    private readonly index: MemoryIndex,
    private readonly hooks: MemoryServiceHooks = {}
  ) {}

  /** Stores the turn itself (linked to its message) and the facts found in it. */
  ingest(input: IngestInput): Promise<Memory[]> {
    return this.writes.run(async () => {
      const stored: Memory[] = []
      const text = input.text.trim()
      if (!text || this.isSourceGone(input)) return stored
      const turn = this.repository.insert(turnRow(input, text))
      stored.push(turn)
      await this.index.add([turn])
      stored.push(...(await storeFacts(this.repository, this.index, input)))
      this.changed([input.characterId])
      return stored
    })
  }

  /**
   * Facts found later (e.g. by the model, after the reply) for a message already ingested. `speaker` is who said the
   * message: a question about that person ranks the facts as it ranks the turn ("Where do I live?" asks the user's).
   */
  addFacts(input: FactSource): Promise<Memory[]> {
    return this.writes.run(async () => {
      if (this.isSourceGone(input)) return []
      const stored = await storeFacts(this.repository, this.index, input)
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
      const memory = this.repository.insert(summaryRow(owner, chatId, text, sourceMessageIds, at))
      await this.index.add([memory])
      this.changed([owner.characterId])
      return memory
    })
  }

  recall(input: RecallInput): Promise<PackedMemories> {
    return recallMemories(this.index, input)
  }

  list(owner: Owner, state: 'current' | 'past' | 'all' = 'all', kinds?: readonly MemoryKind[]): Memory[] {
    return this.repository.list({ ...ownerOf(owner), state, kinds })
  }

  /** The Memories panel's list or search (see browseMemories). */
  browse(
    owner: Owner,
    state: MemoryBrowseState,
    query?: string,
    page: { limit?: number; offset?: number } = {}
  ): Promise<Memory[]> {
    this.hooks.requireCharacter?.(owner.characterId)
    return browseMemories(this.repository, this.index, owner, state, query, page)
  }

  /** The memories with these ids that still exist (a reply's "used memories"), in no particular order. */
  getMany(ids: readonly string[]): Memory[] {
    return [...this.repository.getMany([...ids]).values()]
  }

  /** Memories matching a text (panel search, "forget that thing about my job"), best first. */
  search(owner: Owner, query: string, limit = 20): Promise<Memory[]> {
    return searchMemories(this.index, owner, query, limit)
  }

  /**
   * Gives another character of the same user copies of these memories (the user shares them; otherwise characters
   * never see each other's); see copyShared. Turns (raw messages) stay with their chat.
   */
  share(ids: readonly string[], target: Owner): Promise<Memory[]> {
    this.hooks.requireCharacter?.(target.characterId)
    return this.writes.run(async () => {
      const copies = copyShared(this.repository, ids, target)
      await this.index.add(copies)
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
      await this.index.add([memory])
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
      const { deleted, orphaned, characterIds } = forgetSources(this.repository, messageIds, keep)
      await this.index.remove(deleted)
      this.changed(characterIds)
      return { deleted: deleted.length, orphaned }
    })
  }

  /** Index rows of a deleted character (its SQLite rows go with the character). */
  dropOwner(owner: Owner): Promise<void> {
    return this.writes.run(() => this.index.removeOwner(owner))
  }

  /** Forgets what one message taught (the memories that cite it). */
  forgetMessage(messageId: string): Promise<number> {
    const ids = this.repository.bySourceMessage(messageId).map((m) => m.id)
    return this.delete(ids).then(() => ids.length)
  }

  /**
   * Fills the index from SQLite: after corruption, or with a new embedding model. Reports progress 0..1. Returns how
   * many memories it indexed; a refill stopped by stopRefill leaves the index unmarked, to be refilled next start.
   */
  reindexAll(onProgress?: (progress: number) => void): Promise<number> {
    return this.writes.run(() => this.index.refill(onProgress))
  }

  /**
   * After a crash between a SQLite write and its index write (kill -9, power loss), the two disagree: a memory stored
   * but never indexed is never recalled; a deleted one may linger in the index. Row counts (cheap) show it; only
   * then are the ids compared and the difference indexed or removed. Returns how many rows were fixed. (An edit cut
   * between its SQLite write and its index write keeps the old text's vector until the memory changes again.)
   */
  repairIndex(): Promise<number> {
    return this.writes.run(() => this.index.repair())
  }

  /** Ends a running refill at its next batch (on quit: a GGUF embedder's refill can take minutes). */
  stopRefill(): void {
    this.index.stopRefill()
  }

  /** A new embedding model: a fresh index from the same rows (the old index is closed first: same folder). */
  async swapEmbedder(
    embedder: Embedder,
    openIndex: (embedder: Embedder) => Promise<VectorIndex>,
    onProgress?: (progress: number) => void
  ): Promise<number> {
    // One write job from swap to refilled: a memory stored in between would be indexed by it and again by the refill.
    return this.writes.run(async () => {
      await this.index.swap(embedder, openIndex)
      return this.index.refill(onProgress)
    })
  }

  optimize(): Promise<void> {
    return this.writes.run(() => this.index.optimize())
  }

  close(): Promise<void> {
    return this.writes.run(() => this.index.close())
  }

  /** Checked inside the write job, after whatever deletion was queued before it. */
  private isSourceGone(input: { chatId: string | null; messageId: string }): boolean {
    return input.chatId !== null && this.hooks.messageExists?.(input.messageId) === false
  }

  private changed(characterIds: readonly string[]): void {
    for (const characterId of new Set(characterIds)) this.hooks.onChanged?.(characterId)
  }
}
