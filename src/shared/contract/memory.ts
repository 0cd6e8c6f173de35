/** The contract's memory part: inputs, results and the memory.* methods. */
import type { Memory } from '../domain'
import type { ChatIdInput } from './chat'
import type { DeleteResult, IdInput, IdsInput } from './common'

export interface MemoryListInput {
  characterId: string
  /** current: true now; past: retired by newer facts; summaries: session summaries. */
  state: 'current' | 'past' | 'summaries' | 'all'
  /** Search text; results then come best match first. */
  query?: string
  /** A page of the list (newest first): at most `limit` memories (1-500) after skipping `offset`. */
  limit?: number
  offset?: number
}

export interface MemoryUpdateInput {
  id: string
  text: string
}

export interface MemoryPinInput {
  id: string
  isPinned: boolean
}

/** How far an imported chat's history has been read into long-term memory (user turns). */
export interface HistoryIngestStatus {
  chatId: string
  characterId: string
  done: number
  total: number
  state: 'running' | 'done' | 'cancelled' | 'failed'
}

export interface EmbeddingModelInput {
  path: string | null
}

export interface EmbeddingModelResult {
  embedderId: string
  /** Memories re-embedded. */
  count: number
}

export interface MemoryShareInput {
  ids: string[]
  /** The character to share them with. */
  characterId: string
}

export interface MemoryApi {
  list(input: MemoryListInput): Promise<Memory[]>
  /** The memories with these ids that still exist (e.g. those a reply used). */
  get(input: IdsInput): Promise<Memory[]>
  update(input: MemoryUpdateInput): Promise<Memory>
  delete(input: IdInput): Promise<DeleteResult>
  pin(input: MemoryPinInput): Promise<Memory>
  /** Copies memories to another character (the user shares them); returns the copies made. */
  share(input: MemoryShareInput): Promise<Memory[]>
  /** Reads a chat's history (an imported one) into memory in the background, resuming where it stopped. */
  importHistory(input: ChatIdInput): Promise<HistoryIngestStatus>
  cancelHistory(input: ChatIdInput): Promise<HistoryIngestStatus>
  /** null when the chat's history is not being read now. */
  historyStatus(input: ChatIdInput): Promise<HistoryIngestStatus | null>
  /** Switches the embedding model (null = bundled) and re-embeds every memory; progress: memory.reindexProgress. */
  setEmbeddingModel(input: EmbeddingModelInput): Promise<EmbeddingModelResult>
}

/** Events pushed from main to the renderer by the memory services. */
export interface MemoryEvents {
  /** Something a character remembers was added, changed or removed. */
  'memory.changed': { characterId: string }
  /** Something the user should know about memory (e.g. the index was rebuilt after damage). */
  'memory.notice': { message: string }
  'memory.reindexProgress': { progress: number }
  /** An imported chat's history being read into memory. */
  'memory.historyProgress': HistoryIngestStatus
}
