/**
 * Sandboxed preload: exposes the contract (preload/contract.ts) as `window.workbench` and nothing
 * else. Requests go only to the contract's channels and events come only from its event list,
 * whatever the page asks for. Bundled into one CommonJS file, as a sandboxed preload must be.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, isEventName, type ArgsOf, type Channel, type EventMap, type EventName, type IpcResult, type ResultOf, type WorkbenchBridge } from './contract';

const workbench: WorkbenchBridge & { version: string } = {
  version: __COLLAPSE_LAB_VERSION__,
  async invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    if (!isChannel(channel)) throw new Error(`unknown channel ${String(channel)}`);
    const reply = (await ipcRenderer.invoke(channel, args)) as IpcResult;
    if (reply.ok) return reply.result as ResultOf<C>;
    const error = new Error(reply.error.message) as Error & { code: string };
    error.name = reply.error.name;
    error.code = reply.error.code;
    throw error;
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    // The page never sees Electron's event object, only the payload.
    const wrapped = (_event: unknown, payload: EventMap[E]): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('workbench', workbench);
