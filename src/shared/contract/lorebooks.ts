/** The contract's lorebooks part: inputs, results and the lorebooks.* methods. */
import type { LoreEntry, LorebookAttachment, LorebookData, LorebookSummary, UsedLoreEntry } from '../domain'
import type { DeleteResult, FileInput, IdInput, IdsInput } from './common'

export type LorebookExportFormat = 'st-worldinfo' | 'card-book'

/** An entry to change (with its id) or to add (without one). */
export type LoreEntryInput = Omit<LoreEntry, 'id'> & { id?: string }

export interface LorebookUpdateInput {
  id: string
  name?: string
  description?: string
  scanDepth?: number | null
  tokenBudget?: number | null
  isRecursive?: boolean
  upsertEntries?: LoreEntryInput[]
  deleteEntryIds?: string[]
}

export interface LorebookCreateInput {
  name: string
}

export interface LorebookExportInput {
  id: string
  format: LorebookExportFormat
}

export interface LorebookAttachInput {
  id: string
  target: LorebookAttachment
  /** false detaches. */
  isAttached: boolean
}

export interface LorebooksApi {
  list(input: Record<string, never>): Promise<LorebookSummary[]>
  get(input: IdInput): Promise<LorebookData>
  create(input: LorebookCreateInput): Promise<LorebookData>
  /** SillyTavern World Info, a card (JSON/PNG) or bare character_book, or a NovelAI .lorebook; all or nothing. */
  import(input: FileInput): Promise<LorebookData>
  update(input: LorebookUpdateInput): Promise<LorebookData>
  delete(input: IdInput): Promise<DeleteResult>
  /** Back to SillyTavern World Info, or as a card's character_book. */
  export(input: LorebookExportInput): Promise<FileInput>
  /** To a character, one chat, or every chat (global), as in SillyTavern; or detached. */
  attach(input: LorebookAttachInput): Promise<LorebookData>
  /** The lore entries a reply used (its user message's loreEntryIds). */
  usedEntries(input: IdsInput): Promise<UsedLoreEntry[]>
}
