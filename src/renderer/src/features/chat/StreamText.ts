/**
 * The text of the reply being streamed, outside React state: tokens arrive many times a second, and only the bubble
 * that shows them subscribes (useSyncExternalStore), so the chat list and the composer never re-render per token.
 */
export class StreamText {
  private text = ''
  private readonly listeners = new Set<() => void>()

  readonly get = (): string => this.text

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  append(chunk: string): void {
    this.set(this.text + chunk)
  }

  set(text: string): void {
    if (text === this.text) return
    this.text = text
    for (const listener of this.listeners) listener()
  }
}
