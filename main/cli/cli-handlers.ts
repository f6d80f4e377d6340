import type { Channel, Handlers } from '../../preload/contract';
import { checkedHandlers, EventHub, type ServiceContext } from '../services';
import type { RunStore } from '../store';

/**
 * The contract's handlers as CLI commands call them: the same modules, behind the same
 * argument checks, as IPC and the WebSocket. The store opens on first use (a command that is
 * refused before it needs the store creates none) and `close` closes it if it was opened.
 */
export function cliHandlers<C extends Channel>(
  build: (ctx: Pick<ServiceContext, 'store' | 'events'>) => Pick<Handlers, C>,
  open: () => RunStore,
): { handlers: Pick<Handlers, C>; store: () => RunStore; close(): void } {
  let opened: RunStore | undefined;
  const store = (): RunStore => (opened ??= open());
  // A getter: handler modules read ctx.store when they first need it, not when they are built.
  const ctx = {
    get store(): RunStore {
      return store();
    },
    events: new EventHub(),
  };
  return { handlers: checkedHandlers(build(ctx)), store, close: () => opened?.close() };
}
