import type { Db } from '../openDatabase'

/** A sticky or cooldown effect of one lore entry in one chat, over chat lengths [start, end) counted in messages. */
export interface TimedEffect {
  entryId: string
  kind: 'sticky' | 'cooldown'
  start: number
  end: number
  /** Survives a scan at the same chat length (a cooldown that follows a sticky); see checkTimedEffects. */
  isProtected: boolean
}

interface EffectRow {
  entry_id: string
  kind: TimedEffect['kind']
  start_at: number
  end_at: number
  is_protected: number
}

/** Each chat's running sticky and cooldown effects of lore entries (they go with the chat). */
export class LoreTimedEffectRepository {
  constructor(private readonly db: Db) {}

  list(chatId: string): TimedEffect[] {
    const rows = this.db
      .prepare('SELECT entry_id, kind, start_at, end_at, is_protected FROM lore_timed_effects WHERE chat_id = ?')
      .all(chatId) as EffectRow[]
    return rows.map((row) => ({
      entryId: row.entry_id,
      kind: row.kind,
      start: row.start_at,
      end: row.end_at,
      isProtected: row.is_protected === 1
    }))
  }

  /** The chat's effects become these, in one transaction; nothing is stored for a chat that does not exist. */
  replace(chatId: string, effects: readonly TimedEffect[]): void {
    const insert = this.db.prepare(
      `INSERT INTO lore_timed_effects (chat_id, entry_id, kind, start_at, end_at, is_protected)
       SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM chats WHERE id = ?)`
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM lore_timed_effects WHERE chat_id = ?').run(chatId)
      for (const e of effects) insert.run(chatId, e.entryId, e.kind, e.start, e.end, e.isProtected ? 1 : 0, chatId)
    })()
  }
}
