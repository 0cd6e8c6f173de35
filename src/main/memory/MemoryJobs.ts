import { AppError } from '../../shared/errors'
import type { Db } from '../db/openDatabase'
import { nowIso } from '../util/ids'

export type MemoryJobKind = 'ingest' | 'extract' | 'summarize'

export interface MemoryJob {
  id: number
  kind: MemoryJobKind
  chatId: string
  messageId: string
  /** A summary job's first message (its last is `messageId`); null for the other kinds. */
  fromMessageId: string | null
  attempts: number
}

export interface JobFilter {
  chatId?: string
  exceptMessageId?: string
  kinds?: readonly MemoryJobKind[]
}

/** A job failing for another reason than giving way (to a reply, a missing model) is dropped after this many tries. */
const MAX_ATTEMPTS = 5

/**
 * Memory work as rows in SQLite, so a kill -9 before the chat went idle loses none of it: run when the chat is idle,
 * earlier when a recall needs it, again at start. A job ends (its row is deleted) only once it ran; one that gave way
 * to a reply (BUSY, CANCELLED) or found no model stays for the next drain.
 */
export class MemoryJobs {
  private readonly running = new Map<number, Promise<void>>()

  constructor(
    private readonly db: Db,
    private readonly run: (job: MemoryJob) => Promise<void>
  ) {}

  add(kind: MemoryJobKind, chatId: string, messageId: string, fromMessageId: string | null = null): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO memory_jobs (kind, chat_id, message_id, from_message_id, created_at) VALUES (?, ?, ?, ?, ?)'
      )
      .run(kind, chatId, messageId, fromMessageId, nowIso())
  }

  pending(filter: JobFilter = {}): MemoryJob[] {
    const clauses: string[] = []
    const params: unknown[] = []
    if (filter.chatId) {
      clauses.push('chat_id = ?')
      params.push(filter.chatId)
    }
    if (filter.exceptMessageId) {
      clauses.push('message_id != ?')
      params.push(filter.exceptMessageId)
    }
    if (filter.kinds?.length) {
      clauses.push(`kind IN (${filter.kinds.map(() => '?').join(',')})`)
      params.push(...filter.kinds)
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
    return this.db
      .prepare(
        `SELECT id, kind, chat_id AS chatId, message_id AS messageId, from_message_id AS fromMessageId, attempts
         FROM memory_jobs ${where} ORDER BY id`
      )
      .all(...params) as MemoryJob[]
  }

  /** Runs (or waits for) the matching jobs, oldest first. Never throws: failures stay queued or are logged. */
  async drain(filter: JobFilter = {}): Promise<void> {
    for (const job of this.pending(filter)) await this.runOnce(job)
  }

  private runOnce(job: MemoryJob): Promise<void> {
    const existing = this.running.get(job.id)
    if (existing) return existing
    const run = this.execute(job).finally(() => this.running.delete(job.id))
    this.running.set(job.id, run)
    return run
  }

  private async execute(job: MemoryJob): Promise<void> {
    // Another drain may have finished it since this one listed it.
    if (!this.db.prepare('SELECT 1 FROM memory_jobs WHERE id = ?').get(job.id)) return
    try {
      await this.run(job)
      this.remove(job.id)
    } catch (error) {
      if (givesWay(error)) return
      if (job.attempts + 1 >= MAX_ATTEMPTS) {
        console.warn(`[memory] ${job.kind} of message ${job.messageId} failed ${MAX_ATTEMPTS} times; dropped:`, error)
        this.remove(job.id)
      } else {
        console.warn(`[memory] ${job.kind} of message ${job.messageId} failed; will retry:`, error)
        this.db.prepare('UPDATE memory_jobs SET attempts = attempts + 1 WHERE id = ?').run(job.id)
      }
    }
  }

  private remove(id: number): void {
    this.db.prepare('DELETE FROM memory_jobs WHERE id = ?').run(id)
  }
}

/** Work that stopped for a reply or a missing model, not because it is wrong: it runs again later, uncounted. */
export function givesWay(error: unknown): boolean {
  if (error instanceof AppError) return ['BUSY', 'CANCELLED', 'MODEL_NOT_LOADED'].includes(error.code)
  return error instanceof Error && error.name === 'AbortError'
}
