import { EVENTS, type EventMap, type EventName } from '../../preload/contract';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/**
 * The services' push events (docs/cli.md's event map). Every transport subscribes once and
 * forwards to its windows; the returned function unsubscribes, so nothing leaks when a
 * WebSocket closes.
 */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event, for transports that forward them all. */
  onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    const offs = EVENTS.map((e) =>
      this.on(e, (payload) => listener(e, payload)),
    );
    return () => offs.forEach((off) => off());
  }

  /**
   * Delivers to every listener. A listener that throws (a closed window, a bug in a transport)
   * is reported and skipped: it must never fail the run or training that emitted the event.
   */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }

  /** Where listener failures go (stderr by default; tests replace it). */
  onListenerError: (event: EventName, error: unknown) => void = (event, error) => {
    console.error(`collapse-lab: a listener of ${event} failed:`, error);
  };

  /** Subscribed listeners in total (tests check that transports clean up). */
  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
