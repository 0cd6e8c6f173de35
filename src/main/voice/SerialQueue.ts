/** Runs async jobs one after another, in the order given; a failed job does not stop the ones after it. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job)
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every job queued so far has ended. */
  async settle(): Promise<void> {
    await this.tail
  }
}
