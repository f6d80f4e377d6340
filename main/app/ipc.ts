import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Channel, type IpcResult } from '../../preload/contract';
import { toErrorPayload, type Workbench } from '../services';
import { isAppPage } from './app-page';

export type { IpcResult } from '../../preload/contract';

/**
 * Registers one IPC handler per contract channel. Each checks that the request comes from the
 * app's own page (not a stray frame or a navigated-away window) before the services see it,
 * and forwards every service event to the app's windows.
 */
export function registerWorkbenchIpc(workbench: Workbench, appEntry: URL): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const url = event.senderFrame?.url;
    return url !== undefined && isAppPage(url, appEntry);
  };
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown): Promise<IpcResult> => {
      if (!trusted(event)) return { ok: false, error: { name: 'SecurityError', code: 'FORBIDDEN', message: `refused ${channel} from an untrusted frame` } };
      try {
        // The handlers check their arguments (services/channel-args.ts) before any domain code runs.
        const handler = workbench.handlers[channel as Channel] as (a: unknown) => unknown;
        return { ok: true, result: await handler(args) };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      }
    });
  }
  const off = workbench.events.onAny((event, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isAppPage(contents.getURL(), appEntry)) contents.send(event, payload);
    }
  });
  return () => {
    off();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
