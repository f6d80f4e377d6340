import type { ArgsOf, Channel, ErrorPayload, EventMap, EventName, ResultOf, ServerFrame, WorkbenchBridge } from '../../preload/contract';

/** An error from the services, with the contract's code kept (`INVALID_CONFIG`, `RUN_NOT_FOUND`, ...). */
export class BridgeError extends Error {
  readonly code: string;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = payload.name;
    this.code = payload.code;
  }
}

/**
 * The browser mode's WorkbenchBridge: the contract over one WebSocket to `serve`, which checks
 * the session token (from the page's URL), the Origin and the Host. Requests sent before the
 * socket opens wait for it; a closed socket fails pending requests instead of hanging them.
 */
export function createWebSocketBridge(url: string): WorkbenchBridge & { readonly closed: Promise<void> } {
  const socket = new WebSocket(url);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the Collapse Lab server (is `npm run serve` running, and is the token in the URL?)')), { once: true });
  });
  const closed = new Promise<void>((resolve) => socket.addEventListener('close', () => resolve(), { once: true }));
  void closed.then(() => {
    for (const p of pending.values()) p.reject(new Error('the connection to the Collapse Lab server closed'));
    pending.clear();
  });

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const frame = JSON.parse(message.data) as ServerFrame;
    if ('event' in frame) {
      for (const l of listeners.get(frame.event) ?? []) (l as (p: unknown) => void)(frame.payload);
      return;
    }
    const p = pending.get(frame.id);
    if (!p) return;
    pending.delete(frame.id);
    if (frame.ok) p.resolve(frame.result);
    else p.reject(new BridgeError(frame.error));
  });

  return {
    closed,
    async invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
      await opened;
      // A request after the socket closed would otherwise wait forever: the close handler has
      // already failed the pending ones, and send() on a closed socket silently drops the frame.
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the connection to the Collapse Lab server closed');
      const id = nextId++;
      return new Promise<ResultOf<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ id, channel, args }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}
