/**
 * Memory ingests waiting for an idle chat, per chat. Each runs once: either when the chat goes idle, or earlier when
 * the next reply's recall needs it, so a fast typist's "Where do I live?" still sees the "I live in Tokyo" just before.
 */
export class PendingIngests {
  private readonly byChat = new Map<string, Map<string, () => Promise<void>>>()

  /** `run` must not throw: failures are logged here and the job counts as done. */
  add(chatId: string, messageId: string, run: () => Promise<void>): void {
    let started: Promise<void> | null = null
    const once = (): Promise<void> =>
      (started ??= run().catch((error: unknown) =>
        console.warn(`[memory] storing message ${messageId} failed:`, error)
      ))
    const jobs = this.byChat.get(chatId) ?? new Map<string, () => Promise<void>>()
    jobs.set(messageId, once)
    this.byChat.set(chatId, jobs)
  }

  /** Runs (or waits for) every pending ingest of the chat, oldest first, except the one for `exceptMessageId`. */
  async flush(chatId: string, exceptMessageId?: string): Promise<void> {
    const jobs = this.byChat.get(chatId)
    if (!jobs) return
    for (const [messageId, once] of [...jobs]) {
      if (messageId === exceptMessageId) continue
      await once()
      jobs.delete(messageId)
    }
    if (jobs.size === 0) this.byChat.delete(chatId)
  }
}
