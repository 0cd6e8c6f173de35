/** A push-based AsyncIterable: producers push from callbacks, one consumer iterates with for-await. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = []
  private waiting: ((result: IteratorResult<T>) => void) | null = null
  private failWaiting: ((error: unknown) => void) | null = null
  private isEnded = false
  private failure: { error: unknown } | null = null

  push(item: T): void {
    if (this.isEnded) return
    if (this.waiting) {
      const resolve = this.waiting
      this.clearWaiter()
      resolve({ value: item, done: false })
    } else {
      this.items.push(item)
    }
  }

  end(): void {
    this.isEnded = true
    if (this.waiting) {
      const resolve = this.waiting
      this.clearWaiter()
      resolve({ value: undefined, done: true })
    }
  }

  fail(error: unknown): void {
    this.failure = { error }
    this.isEnded = true
    if (this.failWaiting) {
      const reject = this.failWaiting
      this.clearWaiter()
      reject(error)
    }
  }

  private clearWaiter(): void {
    this.waiting = null
    this.failWaiting = null
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.items.shift()
        if (item !== undefined) return Promise.resolve({ value: item, done: false })
        if (this.failure) return Promise.reject(this.failure.error)
        if (this.isEnded) return Promise.resolve({ value: undefined, done: true })
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.waiting = resolve
          this.failWaiting = reject
        })
      }
    }
  }
}
