/** A reply being written: what it belongs to, so deleting that (or starting another in its chat) can see it. */
export interface ActiveReply {
  controller: AbortController
  chatId: string
  characterId: string
  messageId: string | null
}

/**
 * The replies running now, by stream id. A reply is active from its request until it is saved and its end event
 * sent; its run (the promise) lasts a little longer, until its finally-work is done.
 */
export class ActiveReplies {
  private readonly active = new Map<string, ActiveReply>()
  private readonly running = new Set<Promise<void>>()
  /** Each running reply's run, by stream id (a group message waits for the replies it stopped). */
  private readonly runs = new Map<string, { chatId: string; run: Promise<void> }>()

  add(streamId: string, entry: ActiveReply): void {
    this.active.set(streamId, entry)
  }

  /** Tracks the reply's run until it ends (settle, settleChat wait for it). */
  track(streamId: string, chatId: string, run: Promise<void>): void {
    const tracked = run.finally(() => {
      this.running.delete(tracked)
      if (this.runs.get(streamId)?.run === tracked) this.runs.delete(streamId)
    })
    this.running.add(tracked)
    this.runs.set(streamId, { chatId, run: tracked })
  }

  /** The reply is saved (or failed): it no longer blocks its chat or its message. */
  finish(streamId: string): void {
    this.active.delete(streamId)
  }

  /** Resolves when the chat's replies other than `exceptStreamId` have ended (stopped ones save their text first). */
  async settleChat(chatId: string, exceptStreamId: string): Promise<void> {
    const others = [...this.runs].filter(([id, r]) => id !== exceptStreamId && r.chatId === chatId)
    await Promise.allSettled(others.map(([, r]) => r.run))
  }

  isActive(streamId: string): boolean {
    return this.active.has(streamId)
  }

  isChatBusy(chatId: string): boolean {
    return [...this.active.values()].some((a) => a.chatId === chatId)
  }

  isMessageBusy(messageId: string): boolean {
    return [...this.active.values()].some((a) => a.messageId === messageId)
  }

  cancel(streamId: string): boolean {
    const entry = this.active.get(streamId)
    entry?.controller.abort()
    return entry !== undefined
  }

  cancelWhere(match: (reply: { chatId: string; characterId: string; messageId: string | null }) => boolean): number {
    const matching = [...this.active.values()].filter(match)
    for (const entry of matching) entry.controller.abort()
    return matching.length
  }

  cancelAll(): void {
    for (const entry of this.active.values()) entry.controller.abort()
  }

  /** Until no reply runs, including those a finished one started (a group's auto mode). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }
}
