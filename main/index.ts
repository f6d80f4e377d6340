/** Electron entry: wires the app's lifecycle to main/app. */
import { app, BrowserWindow, session } from 'electron';
import { appEntryUrl, builtAppPaths } from './app/app-page';
import { contentSecurityPolicy } from './app/content-security-policy';
import { hardenSession } from './app/harden';
import { createMainWindow } from './app/main-window';

const paths = builtAppPaths(import.meta.url);
const appEntry = appEntryUrl({
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  isPackaged: app.isPackaged,
  rendererIndex: paths.rendererIndex,
});

app
  .whenReady()
  .then(() => {
    // Only an unpackaged app ever loads the dev server (see appEntryUrl).
    const cspMode = appEntry.protocol === 'file:' ? 'production' : 'development';
    hardenSession(session.defaultSession, appEntry, contentSecurityPolicy(cspMode));
    createMainWindow(appEntry, paths.preload);
    // macOS keeps the app alive without windows; clicking the dock icon opens one again.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(appEntry, paths.preload);
    });
  })
  .catch((error: unknown) => {
    console.error('Collapse Lab could not start:', error);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
