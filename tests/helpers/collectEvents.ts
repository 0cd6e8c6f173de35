import type { ApiEventName, ApiEvents } from '../../src/shared/contract'
import type { EventBus } from '../../src/main/util/EventBus'

export interface RecordedEvent {
  event: ApiEventName
  payload: ApiEvents[ApiEventName]
}

/** Records every event of a bus and resolves when one matches. */
export function collectEvents(bus: EventBus): {
  events: RecordedEvent[]
  waitFor<E extends ApiEventName>(
    event: E,
    match?: (p: ApiEvents[E]) => boolean,
    timeoutMs?: number
  ): Promise<ApiEvents[E]>
  stop(): void
} {
  const events: RecordedEvent[] = []
  const waiters = new Set<(entry: RecordedEvent) => void>()
  const stop = bus.subscribe((event, payload) => {
    const entry: RecordedEvent = { event, payload }
    events.push(entry)
    for (const waiter of [...waiters]) waiter(entry)
  })
  return {
    events,
    stop,
    waitFor(event, match = () => true, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const existing = events.find((e) => e.event === event && match(e.payload as never))
        if (existing) return resolve(existing.payload as never)
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs)
        const waiter = (entry: RecordedEvent): void => {
          if (entry.event === event && match(entry.payload as never)) {
            clearTimeout(timer)
            waiters.delete(waiter)
            resolve(entry.payload as never)
          }
        }
        waiters.add(waiter)
      })
    }
  }
}
