import type { ArgsOf, Channel, EventMap, EventName, ResultOf, WorkbenchBridge } from '../../preload/contract';
import { toErrorPayload, type Workbench } from './workbench';

/** An error as a bridge rethrows it on the calling side: the contract's payload, code kept. */
export class RemoteError extends Error {
  constructor(
    readonly code: string,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * A WorkbenchBridge wired straight to the services, with every request, result and event
 * passed through JSON as the real transports do: what works over it works over IPC and the
 * WebSocket. Used by tests (VS Code's in-memory transport pair).
 */
export function createInMemoryBridge(workbench: Workbench): WorkbenchBridge & { dispose(): void } {
  const offs: (() => void)[] = [];
  const wire = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
  return {
    async invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
      const handler = workbench.handlers[channel] as (a: unknown) => unknown;
      try {
        return wire((await handler(wire(args))) as ResultOf<C>);
      } catch (error) {
        const p = toErrorPayload(error);
        throw new RemoteError(p.code, p.name, p.message);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      const off = workbench.events.on(event, (payload) => listener(wire(payload)));
      offs.push(off);
      return off;
    },
    dispose: () => offs.forEach((off) => off()),
  };
}
