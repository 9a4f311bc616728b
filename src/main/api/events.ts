import type { EventName, EventPayload } from '../../shared/api';

export interface PushEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
  /** Only sessions of this organization receive it. */
  orgId: string;
}

type Listener = (event: PushEvent) => void;

/** Fan-out of committed changes to every window, whatever transport carries it. */
export class EventBus {
  private listeners = new Set<Listener>();
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(event: PushEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // One broken window must not stop the others from hearing about a change.
      }
    }
  }
}
