import { BrowserWindow } from 'electron';
import { guardNavigation } from './harden';
import { secureWebPreferences } from './web-preferences';

/** The one window: sandboxed, context-isolated, shown once its first paint is ready. */
export function createMainWindow(appEntry: URL, preload: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Collapse Lab',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    webPreferences: secureWebPreferences(preload),
  });
  window.once('ready-to-show', () => window.show());
  guardNavigation(window.webContents, appEntry);
  window.loadURL(appEntry.href).catch((error: unknown) => {
    console.error(`Could not load ${appEntry.href}:`, error);
  });
  return window;
}
