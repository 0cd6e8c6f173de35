/** Runs async jobs one at a time, in order: a context sequence must never see two generations interleaved. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  get size(): number {
    return this.pending
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    this.pending++
    const result = this.tail.then(job, job)
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--
    )
    return result
  }
}
