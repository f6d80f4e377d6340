/** Electron entry: wires the app's lifecycle to main/app and the services. */
/// <reference types="electron-vite/node" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import createBlockWorker from './engine-host/block-worker?nodeWorker';
import { appEntryUrl, builtAppPaths } from './app/app-page';
import { contentSecurityPolicy } from './app/content-security-policy';
import { hardenSession } from './app/harden';
import { registerWorkbenchIpc } from './app/ipc';
import { createMainWindow } from './app/main-window';
import { createWorkbench } from './services';
import { storeFallbackPrompt, stepForResponse, storeFileFromPicker } from './app/store-fallback';
import { openStore, STORE_FILE_NAME, type RunStore } from './store';

const paths = builtAppPaths(import.meta.url);
const appEntry = appEntryUrl({
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  isPackaged: app.isPackaged,
  rendererIndex: paths.rendererIndex,
});

/**
 * In development the app loads the better-sqlite3 copy built for Electron's ABI by
 * build/desktop/sqlite-for-electron.ts (`npm start` runs it and checks the ABI); a packaged app carries one built by
 * electron-builder.
 */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const binding = join(app.getAppPath(), 'node_modules/.cache/collapse-lab', `better-sqlite3-electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(binding) ? binding : undefined;
}

/**
 * The store in the app's user-data folder (the same file the CLI uses by default). If it cannot
 * be opened, the user is told why and may open another store, create a new one, or quit
 * (store-fallback.ts decides the dialogs); null means quit.
 */
async function openAppStore(): Promise<RunStore | null> {
  let file = process.env['COLLAPSE_LAB_DB'] || join(app.getPath('userData'), STORE_FILE_NAME);
  for (;;) {
    try {
      return openStore(file, { nativeBinding: sqliteBinding() });
    } catch (error) {
      const prompt = storeFallbackPrompt(error, file);
      const { response } = await dialog.showMessageBox({ ...prompt, buttons: [...prompt.buttons] });
      const step = stepForResponse(response, file);
      if (step.kind === 'quit') return null;
      // Electron's option types want mutable arrays.
      const options = { ...step.options, filters: step.options.filters.map((f) => ({ ...f })), properties: [...(step.options.properties ?? [])] };
      const picked = step.kind === 'pick-existing' ? await dialog.showOpenDialog(options) : await dialog.showSaveDialog({ ...options, properties: [] });
      // A cancelled picker asks again about the same store; openStore changed nothing in it.
      file = storeFileFromPicker(step, picked) ?? file;
    }
  }
}

app
  .whenReady()
  .then(async () => {
    // Only an unpackaged app ever loads the dev server (see appEntryUrl).
    const cspMode = appEntry.protocol === 'file:' ? 'production' : 'development';
    hardenSession(session.defaultSession, appEntry, contentSecurityPolicy(cspMode));
    const store = await openAppStore();
    if (!store) {
      app.quit();
      return;
    }
    const workbench = createWorkbench({ store, factory: () => createBlockWorker({}) });
    const unregister = registerWorkbenchIpc(workbench, appEntry);
    createMainWindow(appEntry, paths.preload);
    // macOS keeps the app alive without windows; clicking the dock icon opens one again.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(appEntry, paths.preload);
    });
    // Quit only once the jobs have stopped and the store is closed, so no run is left
    // `running` and no batch of generations is lost.
    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      unregister();
      void workbench
        .shutdown()
        .finally(() => store.close())
        .finally(() => app.quit());
    });
  })
  .catch((error: unknown) => {
    console.error('Collapse Lab could not start:', error);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
