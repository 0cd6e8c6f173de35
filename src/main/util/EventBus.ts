import type { ApiEventName, ApiEvents } from '../../shared/contract'

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void

/** Fan-out of contract events from services to every attached transport (Electron window, HTTP SSE clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload)
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
