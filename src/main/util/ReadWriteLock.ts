/**
 * Many readers at once, or one writer alone. A waiting writer goes first: readers that arrive after it wait for it,
 * so a stream of searches cannot starve an embedding switch.
 */
export class ReadWriteLock {
  private readers = 0
  private isWriting = false
  private writersWaiting = 0
  private readonly wakeups: (() => void)[] = []

  async read<T>(job: () => Promise<T>): Promise<T> {
    while (this.isWriting || this.writersWaiting > 0) await this.nextChange()
    this.readers++
    try {
      return await job()
    } finally {
      this.readers--
      this.wake()
    }
  }

  async write<T>(job: () => Promise<T>): Promise<T> {
    this.writersWaiting++
    try {
      while (this.isWriting || this.readers > 0) await this.nextChange()
    } finally {
      this.writersWaiting--
    }
    this.isWriting = true
    try {
      return await job()
    } finally {
      this.isWriting = false
      this.wake()
    }
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => this.wakeups.push(resolve))
  }

  private wake(): void {
    for (const resolve of this.wakeups.splice(0)) resolve()
  }
}
