// The core's events, typed per event: a listener for 'app.state' gets an AppState, one for 'notify' a
// NotificationRequest, with no casts at the call site. Transports that forward every event (Electron IPC, the
// WebSocket bridge) listen to all of them as (event, payload) pairs, which narrow together.
import type { EventName, EventPayload } from '../../shared/contract.ts';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** One [event, payload] tuple per event: checking `event` narrows `payload`. */
export type AnyEvent = { [E in EventName]: [event: E, payload: EventPayload<E>] }[EventName];
export type AnyEventListener = (...event: AnyEvent) => void;

/** What hosts see of the core's events. */
export interface CoreEventSource {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  onAny(listener: AnyEventListener): () => void;
}

export class CoreEvents implements CoreEventSource {
  private readonly listeners = new Set<AnyEventListener>();

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    // The only cast: the tuple's first element is `event`, so its second is EventPayload<E>.
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    });
  }

  onAny(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) (listener as (event: E, payload: EventPayload<E>) => void)(event, payload);
  }

  clear(): void {
    this.listeners.clear();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
