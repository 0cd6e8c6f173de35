/**
 * Coalesces streamed text into one event about every `intervalMs`: per-token IPC messages cost more than the
 * tokens themselves on a fast model, and the eye cannot tell 30 ms apart.
 */
export class TokenBatcher {
  private pending = ''
  private timer: ReturnType<typeof setTimeout> | null = null
  private seq = 0

  constructor(
    private readonly flushTo: (text: string, seq: number) => void,
    private readonly intervalMs = 30
  ) {}

  push(text: string): void {
    this.pending += text
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.pending) return
    const text = this.pending
    this.pending = ''
    this.flushTo(text, this.seq++)
  }
}
