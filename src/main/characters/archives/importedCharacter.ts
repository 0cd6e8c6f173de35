import type { CharacterAsset, CharacterDraft, MessageRole } from '../../../shared/domain'

/** An image or other file taken out of an archive, with the card asset entry it came from. */
export interface ArchiveAsset {
  asset: Omit<CharacterAsset, 'file'>
  /** Null for assets that are links (https, data:, ccdefault:). */
  bytes: Uint8Array | null
}

export interface ImportedMessage {
  role: MessageRole
  /** Every version of the message; the shown one is swipes[swipeIndex]. */
  swipes: string[]
  swipeIndex: number
  createdAt: string | null
}

export interface ImportedChat {
  title: string
  messages: ImportedMessage[]
  /** What the source app set for this chat that the app has no setting for (Backyard's sampling, prompt template). */
  settings?: Record<string, unknown>
}

/** Lore read from an archive (Backyard lore items): keyword-triggered texts that become a lorebook of the character. */
export interface ImportedLore {
  name: string
  entries: { keys: string[]; content: string; comment: string }[]
}

/**
 * A character read from an archive (CHARX, Backyard), before anything is stored: the service saves its pictures
 * and rows together, so a failure leaves nothing behind.
 */
export interface ImportedCharacter {
  draft: CharacterDraft
  avatar: ArchiveAsset | null
  expressions: { label: string; image: ArchiveAsset }[]
  assets: ArchiveAsset[]
  chats: ImportedChat[]
  lore: ImportedLore | null
}

/** Limits for character archives: far above any real card, far below what would hurt the app. */
export const CARD_ARCHIVE_LIMITS = {
  maxArchiveBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200
}
