/** Fire-and-forget work that is still tracked: failures are logged, and tests/shutdown can wait for it. */
export class BackgroundTasks {
  private readonly running = new Set<Promise<unknown>>()

  run(label: string, job: () => Promise<unknown>): void {
    const task = job()
      .catch((error: unknown) => console.warn(`[background] ${label} failed:`, error))
      .finally(() => this.running.delete(task))
    this.running.add(task)
  }

  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }
}
