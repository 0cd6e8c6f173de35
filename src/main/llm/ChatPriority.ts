/**
 * Chat replies come first. Background generations (memory extraction, summaries) start only when no reply is
 * being written, and give way (are aborted, to be retried) the moment one starts: on a 2-core machine they would
 * otherwise halve the speed of the reply the user is waiting for.
 */
export class ChatPriority {
  private activeReplies = 0
  private idleWaiters: (() => void)[] = []
  private readonly background = new Set<AbortController>()

  replyStarted(): void {
    this.activeReplies++
    for (const controller of this.background) controller.abort()
  }

  replyEnded(): void {
    this.activeReplies = Math.max(0, this.activeReplies - 1)
    if (this.activeReplies === 0) for (const wake of this.idleWaiters.splice(0)) wake()
  }

  async whenIdle(): Promise<void> {
    while (this.activeReplies > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve))
  }

  /** A signal for one background generation: aborted when a reply starts or when `outer` aborts. */
  yieldingSignal(outer?: AbortSignal): { signal: AbortSignal; wasPreempted: () => boolean; release: () => void } {
    const controller = new AbortController()
    const onOuter = (): void => controller.abort()
    outer?.addEventListener('abort', onOuter)
    this.background.add(controller)
    return {
      signal: controller.signal,
      wasPreempted: () => controller.signal.aborted && !outer?.aborted,
      release: () => {
        this.background.delete(controller)
        outer?.removeEventListener('abort', onOuter)
      }
    }
  }
}
