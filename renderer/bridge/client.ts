import type { ArgsOf, Channel, EventMap, EventName, ResultOf, WorkbenchBridge } from '../../preload/contract';
import { createWebSocketBridge } from './ws-bridge';

export { BridgeError } from './ws-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload (preload/index.ts); absent in the browser mode. */
    workbench?: WorkbenchBridge;
  }
}

let bridge: WorkbenchBridge | undefined;
/** Settles when the browser mode's socket closes (or never opens); absent inside Electron. */
let closed: Promise<void> | undefined;

/**
 * The one place the UI reaches the services (docs/architecture.md): `window.workbench` inside the
 * desktop app, else a WebSocket to the browser mode's server, authenticated by the token in
 * the page's URL.
 */
export function workbench(): WorkbenchBridge {
  if (bridge) return bridge;
  if (window.workbench && typeof window.workbench.invoke === 'function') {
    bridge = window.workbench;
  } else {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socketBridge = createWebSocketBridge(`${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
    closed = socketBridge.closed;
    bridge = socketBridge;
  }
  return bridge;
}

/** Calls one channel of the contract. */
export function invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  return workbench().invoke(channel, args);
}

/** Subscribes to one event of the contract; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return workbench().on(event, listener);
}

/**
 * Calls `listener` once if the connection to the services is lost (the browser mode's server
 * stopped, or the page's token was refused). The desktop app's IPC cannot be lost, so there it
 * never fires. Returns the unsubscribe function.
 */
export function onConnectionLost(listener: () => void): () => void {
  workbench();
  let active = true;
  void closed?.then(() => {
    if (active) listener();
  });
  return () => {
    active = false;
  };
}
