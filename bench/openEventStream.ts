export interface TimedEvent {
  event: string
  payload: unknown
  /** performance.now() when the client received it. */
  at: number
}

/** A small SSE client for the app's /api/events: records each event with its arrival time. */
export async function openEventStream(url: string): Promise<{
  waitFor(match: (event: TimedEvent) => boolean, timeoutMs?: number): Promise<number>
  close(): void
}> {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal })
  if (!response.body) throw new Error('no event stream')
  const seen: TimedEvent[] = []
  const waiters = new Set<() => void>()
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffer += value
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = block.split('\n').find((line) => line.startsWith('data: '))
        if (!data) continue
        const parsed = JSON.parse(data.slice(6)) as { event: string; payload: unknown }
        seen.push({ ...parsed, at: performance.now() })
        for (const waiter of [...waiters]) waiter()
      }
    }
  })()
  return {
    waitFor(match, timeoutMs = 300_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = seen.find(match)
          if (!hit) return false
          waiters.delete(onEvent)
          clearTimeout(timer)
          resolve(hit.at)
          return true
        }
        const onEvent = (): void => void check()
        const timer = setTimeout(() => {
          waiters.delete(onEvent)
          reject(new Error('timed out waiting for an event'))
        }, timeoutMs)
        if (!check()) waiters.add(onEvent)
      })
    },
    close: () => controller.abort()
  }
}
