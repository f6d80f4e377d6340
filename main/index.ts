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
import { isStoreError, openStore, STORE_FILE_NAME, type RunStore } from './store';

const paths = builtAppPaths(import.meta.url);
const appEntry = appEntryUrl({
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  isPackaged: app.isPackaged,
  rendererIndex: paths.rendererIndex,
});

/**
 * In development the app loads the better-sqlite3 copy built for Electron's ABI by
 * build/electron-sqlite.mjs (`npm start` runs it); a packaged app carries one built by
 * electron-builder.
 */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const binding = join(app.getAppPath(), 'node_modules/.cache/collapse-lab', `better-sqlite3-electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(binding) ? binding : undefined;
}

/** The store in the app's user-data folder: the same file the CLI uses by default. */
function openAppStore(): RunStore {
  const file = process.env['COLLAPSE_LAB_DB'] ?? join(app.getPath('userData'), STORE_FILE_NAME);
  try {
    return openStore(file, { nativeBinding: sqliteBinding() });
  } catch (error) {
    const message = isStoreError(error) ? error.message : String(error);
    dialog.showErrorBox('Collapse Lab cannot open its store', `${message}\n\nSet COLLAPSE_LAB_DB to another file to start with a different store.`);
    app.exit(1);
    throw error;
  }
}

app
  .whenReady()
  .then(() => {
    // Only an unpackaged app ever loads the dev server (see appEntryUrl).
    const cspMode = appEntry.protocol === 'file:' ? 'production' : 'development';
    hardenSession(session.defaultSession, appEntry, contentSecurityPolicy(cspMode));
    const store = openAppStore();
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
