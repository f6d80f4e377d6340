import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../main/app/content-security-policy';
import { guardNavigation, hardenSession } from '../../../main/app/harden';
import { registerWorkbenchIpc } from '../../../main/app/ipc';
import { createMainWindow } from '../../../main/app/main-window';
import { secureWebPreferences } from '../../../main/app/web-preferences';

// The pure helpers (web-preferences, navigation, content-security-policy) are tested on their
// own; these tests check that the window and the session are really built with them. The
// Electron binary is not installed in CI (test/electron/app.test.ts skips), so `electron` is
// replaced by fakes that record what the app code asks of it.

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; loaded?: string; webContents: FakeContents }>,
  openedExternally: [] as string[],
  ipcHandlers: new Map<string, (event: unknown, args: unknown) => Promise<unknown>>(),
  /** Pages open in Electron: their URL and the events sent to them. */
  pages: [] as Array<{ url: string; sent: string[] }>,
}));

interface FakeContents {
  listeners: Map<string, Listener>;
  windowOpenHandler?: (details: { url: string }) => { action: string };
}

vi.mock('electron', () => {
  class WebContents implements FakeContents {
    listeners = new Map<string, Listener>();
    windowOpenHandler?: (details: { url: string }) => { action: string };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
  }
  class BrowserWindow {
    readonly webContents = new WebContents();
    loaded?: string;
    constructor(readonly options: Record<string, unknown>) {
      fake.windows.push(this);
    }
    once() {
      return this;
    }
    show() {}
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, args: unknown) => Promise<unknown>) => fake.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    },
    webContents: {
      getAllWebContents: () =>
        fake.pages.map((page) => ({ isDestroyed: () => false, getURL: () => page.url, send: (event: string) => page.sent.push(event) })),
    },
    shell: {
      openExternal: (url: string) => {
        fake.openedExternally.push(url);
        return Promise.resolve();
      },
    },
  };
});

const appEntry = new URL('file:///app/out/renderer/index.html');
const PRELOAD = '/app/out/preload/index.cjs';

beforeEach(() => {
  fake.windows.length = 0;
  fake.openedExternally.length = 0;
  fake.ipcHandlers.clear();
  fake.pages.length = 0;
});

/** Fires a will-navigate / will-attach-webview listener and says whether it was prevented. */
function fire(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false;
  const listener = contents.listeners.get(event);
  if (!listener) throw new Error(`no ${event} listener registered`);
  listener({ url, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('createMainWindow', () => {
  it('builds the window with the sandboxed, context-isolated preferences and loads only the app page', () => {
    createMainWindow(appEntry, PRELOAD);
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window!.options['webPreferences']).toEqual(secureWebPreferences(PRELOAD));
    expect(window!.loaded).toBe(appEntry.href);
  });

  it('guards its navigation: the app page only, web links to the browser, nothing else', () => {
    createMainWindow(appEntry, PRELOAD);
    const contents = fake.windows[0]!.webContents;
    expect(fire(contents, 'will-navigate', `${appEntry.href}#/compare`)).toBe(false);
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.openedExternally).toEqual(['https://evil.example/']);
  });
});

describe('guardNavigation', () => {
  function guarded(): FakeContents {
    const contents: FakeContents = {
      listeners: new Map(),
      windowOpenHandler: undefined,
    };
    const electronLike = {
      setWindowOpenHandler: (handler: FakeContents['windowOpenHandler']) => (contents.windowOpenHandler = handler),
      on: (event: string, listener: Listener) => contents.listeners.set(event, listener),
    };
    guardNavigation(electronLike as unknown as Parameters<typeof guardNavigation>[0], appEntry);
    return contents;
  }

  it('denies every new window; a web link opens in the browser instead, anything else nowhere', () => {
    const contents = guarded();
    for (const url of ['https://arxiv.org/abs/2305.17493', appEntry.href, 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank']) {
      expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual(['https://arxiv.org/abs/2305.17493']);
  });

  it('refuses every <webview> the page tries to attach', () => {
    expect(fire(guarded(), 'will-attach-webview', appEntry.href)).toBe(true);
  });
});

describe('hardenSession', () => {
  interface Handlers {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: (...args: unknown[]) => boolean;
    headers?: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (result: unknown) => void) => void;
  }
  function hardened(): Handlers {
    const handlers: Handlers = {};
    const session = {
      setPermissionRequestHandler: (h: Handlers['request']) => (handlers.request = h),
      setPermissionCheckHandler: (h: Handlers['check']) => (handlers.check = h),
      webRequest: { onHeadersReceived: (h: Handlers['headers']) => (handlers.headers = h) },
    };
    hardenSession(session as unknown as Parameters<typeof hardenSession>[0], appEntry, contentSecurityPolicy('production'));
    return handlers;
  }

  it('grants no permission request and answers no to every permission check', () => {
    const handlers = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      handlers.request!(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(handlers.check!(null, permission, 'file://', {}), permission).toBe(false);
    }
  });

  it("puts the strict policy on the app's own page, replacing any the response carried, and leaves other responses alone", () => {
    const handlers = hardened();
    let result: unknown;
    handlers.headers!({ url: appEntry.href, responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (result = r));
    expect(result).toEqual({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy('production')] } });
    handlers.headers!({ url: 'https://evil.example/', responseHeaders: {} }, (r) => (result = r));
    expect(result).toEqual({});
  });
});

describe('registerWorkbenchIpc', () => {
  /** A workbench whose one channel records its calls, and whose events can be fired. */
  function workbench() {
    const calls: unknown[] = [];
    let emit: (event: string, payload: unknown) => void = () => undefined;
    const handlers = new Proxy({}, { get: () => (args: unknown) => (calls.push(args), 'answer') });
    const events = { onAny: (listener: typeof emit) => ((emit = listener), () => (emit = () => undefined)) };
    return { wb: { handlers, events } as unknown as Parameters<typeof registerWorkbenchIpc>[0], calls, emit: (e: string) => emit(e, {}) };
  }

  it('answers only requests from the app page; any other frame is refused before the services see it', async () => {
    const { wb, calls } = workbench();
    registerWorkbenchIpc(wb, appEntry);
    const handler = fake.ipcHandlers.get('presets:list');
    expect(handler).toBeDefined();
    expect(await handler!({ senderFrame: { url: `${appEntry.href}#/runs` } }, 1)).toEqual({ ok: true, result: 'answer' });
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'about:blank', undefined]) {
      const reply = await handler!({ senderFrame: url === undefined ? null : { url } }, 2);
      expect(reply, String(url)).toEqual({ ok: false, error: { name: 'SecurityError', code: 'FORBIDDEN', message: 'refused presets:list from an untrusted frame' } });
    }
    expect(calls).toEqual([1]);
  });

  it('sends service events to the app page only, and unregisters every channel', () => {
    const { wb, emit } = workbench();
    fake.pages.push({ url: appEntry.href, sent: [] }, { url: 'https://evil.example/', sent: [] });
    const unregister = registerWorkbenchIpc(wb, appEntry);
    emit('run:progress');
    expect(fake.pages.map((p) => p.sent)).toEqual([['run:progress'], []]);
    unregister();
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
