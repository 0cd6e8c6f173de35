import type { LorebookAttachment, LorebookData, LorebookSummary, LoreEntry } from '../../../shared/domain'
import { AppError } from '../../../shared/errors'
import type { LoreEntryDraft, LorebookDraft } from '../../../shared/domain'
import { newId, nowIso } from '../../util/ids'
import type { Db } from '../openDatabase'
import { upgradeLoreEntry } from './upgradeLoreEntry'

interface BookRow {
  id: string
  name: string
  data: string
  entry_count: number
  created_at: string
  updated_at: string
}

interface BookSettings {
  description: string
  scanDepth: number | null
  tokenBudget: number | null
  isRecursive: boolean
  extra: Record<string, unknown>
}

export type LorebookMetaPatch = Partial<Omit<BookSettings, 'extra'>> & { name?: string }

const SELECT_BOOK =
  'SELECT lorebooks.*, (SELECT COUNT(*) FROM lorebook_entries WHERE lorebook_id = lorebooks.id) AS entry_count FROM lorebooks'
const NOT_FOUND = (): AppError => new AppError('NOT_FOUND', 'That lorebook does not exist (it may have been deleted).')

/** Lorebooks, their entries (one row each, so a reply can name the entries it used) and where they apply. */
export class LorebookRepository {
  constructor(private readonly db: Db) {}

  list(userId: string): LorebookSummary[] {
    const rows = this.db
      .prepare(`${SELECT_BOOK} WHERE user_id = ? ORDER BY name COLLATE NOCASE`)
      .all(userId) as BookRow[]
    return rows.map((row) => this.summaryOf(row))
  }

  get(id: string): LorebookData {
    const row = this.db.prepare(`${SELECT_BOOK} WHERE id = ?`).get(id) as BookRow | undefined
    if (!row) throw NOT_FOUND()
    const settings = JSON.parse(row.data) as BookSettings
    const entries = (
      this.db.prepare('SELECT id, data FROM lorebook_entries WHERE lorebook_id = ? ORDER BY idx').all(id) as {
        id: string
        data: string
      }[]
    ).map((e) => ({ ...upgradeLoreEntry(JSON.parse(e.data) as LoreEntryDraft), id: e.id }))
    return { ...this.summaryOf(row), ...settings, entries }
  }

  /** The whole book in one transaction: a failure stores none of it. */
  insert(userId: string, draft: LorebookDraft): LorebookData {
    const id = newId()
    const now = nowIso()
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO lorebooks (id, user_id, name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, userId, draft.name, JSON.stringify(settingsOf(draft)), now, now)
      this.writeEntries(id, uniqueUids(draft.entries), 0)
    })()
    return this.get(id)
  }

  updateMeta(id: string, patch: LorebookMetaPatch): void {
    const book = this.get(id)
    const { name, ...rest } = patch
    const settings = { ...settingsOf(book), ...rest }
    this.db
      .prepare('UPDATE lorebooks SET name = ?, data = ?, updated_at = ? WHERE id = ?')
      .run(name ?? book.name, JSON.stringify(settings), nowIso(), id)
  }

  /** Changes the entries given by id and appends those without one; a new entry gets the next free uid. */
  upsertEntries(id: string, entries: readonly (LoreEntryDraft & { id?: string })[]): void {
    const book = this.get(id)
    const known = new Set(book.entries.map((e) => e.id))
    let nextUid = Math.max(-1, ...book.entries.map((e) => e.uid)) + 1
    let nextIdx = book.entries.length
    const update = this.db.prepare('UPDATE lorebook_entries SET data = ? WHERE id = ? AND lorebook_id = ?')
    this.db.transaction(() => {
      for (const { id: entryId, ...entry } of entries) {
        if (entryId && known.has(entryId)) update.run(JSON.stringify(entry), entryId, id)
        else if (entryId)
          throw new AppError('NOT_FOUND', 'That lorebook entry does not exist (it may have been deleted).')
        else this.writeEntries(id, [{ ...entry, uid: nextUid++ }], nextIdx++)
      }
      this.touch(id)
    })()
  }

  deleteEntries(id: string, entryIds: readonly string[]): void {
    const remove = this.db.prepare('DELETE FROM lorebook_entries WHERE id = ? AND lorebook_id = ?')
    this.db.transaction(() => {
      for (const entryId of entryIds) remove.run(entryId, id)
      this.touch(id)
    })()
  }

  delete(id: string): void {
    if (this.db.prepare('DELETE FROM lorebooks WHERE id = ?').run(id).changes === 0) throw NOT_FOUND()
  }

  setAttached(id: string, target: LorebookAttachment, isAttached: boolean): void {
    this.get(id)
    const [kind, targetId] = linkOf(target)
    if (isAttached)
      this.db
        .prepare('INSERT OR IGNORE INTO lorebook_links (lorebook_id, kind, target_id) VALUES (?, ?, ?)')
        .run(id, kind, targetId)
    else
      this.db
        .prepare('DELETE FROM lorebook_links WHERE lorebook_id = ? AND kind = ? AND target_id = ?')
        .run(id, kind, targetId)
  }

  /** Every book that applies to a chat: global ones, the character's and the chat's own. */
  booksFor(characterId: string, chatId: string): LorebookData[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT lorebook_id FROM lorebook_links
         WHERE kind = 'global' OR (kind = 'character' AND target_id = ?) OR (kind = 'chat' AND target_id = ?)`
      )
      .all(characterId, chatId) as { lorebook_id: string }[]
    return rows.map((r) => this.get(r.lorebook_id))
  }

  /** The books attached to one character (not global or chat ones): what goes with its card on export. */
  booksOfCharacter(characterId: string): LorebookData[] {
    const rows = this.db
      .prepare(`SELECT lorebook_id FROM lorebook_links WHERE kind = 'character' AND target_id = ?`)
      .all(characterId) as { lorebook_id: string }[]
    return rows.map((r) => this.get(r.lorebook_id))
  }

  entriesByIds(ids: readonly string[]): { entry: LoreEntry; lorebookId: string; lorebookName: string }[] {
    const find = this.db.prepare(
      `SELECT e.id, e.data, e.lorebook_id, b.name FROM lorebook_entries e JOIN lorebooks b ON b.id = e.lorebook_id WHERE e.id = ?`
    )
    return ids.flatMap((entryId) => {
      const row = find.get(entryId) as { id: string; data: string; lorebook_id: string; name: string } | undefined
      if (!row) return []
      return [
        {
          entry: { ...upgradeLoreEntry(JSON.parse(row.data) as LoreEntryDraft), id: row.id },
          lorebookId: row.lorebook_id,
          lorebookName: row.name
        }
      ]
    })
  }

  private writeEntries(id: string, entries: readonly LoreEntryDraft[], firstIdx: number): void {
    const insert = this.db.prepare('INSERT INTO lorebook_entries (id, lorebook_id, idx, data) VALUES (?, ?, ?, ?)')
    entries.forEach((entry, i) => insert.run(newId(), id, firstIdx + i, JSON.stringify(entry)))
  }

  private touch(id: string): void {
    this.db.prepare('UPDATE lorebooks SET updated_at = ? WHERE id = ?').run(nowIso(), id)
  }

  private summaryOf(row: BookRow): LorebookSummary {
    const settings = JSON.parse(row.data) as BookSettings
    const links = this.db
      .prepare('SELECT kind, target_id FROM lorebook_links WHERE lorebook_id = ? ORDER BY kind, target_id')
      .all(row.id) as { kind: LorebookAttachment['kind']; target_id: string }[]
    return {
      id: row.id,
      name: row.name,
      description: settings.description,
      entryCount: row.entry_count,
      attachments: links.map((l) =>
        l.kind === 'global'
          ? { kind: 'global' }
          : l.kind === 'character'
            ? { kind: 'character', characterId: l.target_id }
            : { kind: 'chat', chatId: l.target_id }
      ),
      createdAt: row.created_at,
      updatedAt: row.updated_at
    }
  }
}

function settingsOf(book: Omit<LorebookDraft, 'entries' | 'name'>): BookSettings {
  return {
    description: book.description,
    scanDepth: book.scanDepth,
    tokenBudget: book.tokenBudget,
    isRecursive: book.isRecursive,
    extra: book.extra
  }
}

function linkOf(target: LorebookAttachment): [LorebookAttachment['kind'], string] {
  if (target.kind === 'global') return ['global', '']
  return target.kind === 'character' ? ['character', target.characterId] : ['chat', target.chatId]
}

/** World Info files are keyed by uid, so two entries sharing one would merge on export: later ones get fresh uids. */
function uniqueUids(entries: readonly LoreEntryDraft[]): LoreEntryDraft[] {
  const seen = new Set<number>()
  let next = Math.max(-1, ...entries.map((e) => e.uid)) + 1
  return entries.map((entry) => {
    if (!seen.has(entry.uid)) {
      seen.add(entry.uid)
      return entry
    }
    seen.add(next)
    return { ...entry, uid: next++ }
  })
}
