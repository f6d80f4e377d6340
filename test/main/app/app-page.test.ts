import { describe, expect, it } from 'vitest';
import { appEntryUrl, builtAppPaths, isAppPage } from '../../../main/app/app-page';

const builtEntry = new URL('file:///opt/Collapse%20Lab/resources/app.asar/out/renderer/index.html');
const devEntry = new URL('http://localhost:5173/');

describe('builtAppPaths', () => {
  it('finds the preload and renderer next to out/main/index.js', () => {
    expect(builtAppPaths('file:///app/out/main/index.js')).toEqual({
      preload: '/app/out/preload/index.cjs',
      rendererIndex: '/app/out/renderer/index.html',
    });
  });
});

describe('appEntryUrl', () => {
  const rendererIndex = '/app/out/renderer/index.html';

  it('loads the built index.html when no dev server is named', () => {
    expect(appEntryUrl({ devServerUrl: undefined, isPackaged: false, rendererIndex }).href).toBe('file:///app/out/renderer/index.html');
    expect(appEntryUrl({ devServerUrl: '', isPackaged: false, rendererIndex }).protocol).toBe('file:');
  });

  it('loads the dev server during development', () => {
    expect(appEntryUrl({ devServerUrl: 'http://localhost:5173', isPackaged: false, rendererIndex }).href).toBe('http://localhost:5173/');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(appEntryUrl({ devServerUrl: 'http://evil.example', isPackaged: true, rendererIndex }).protocol).toBe('file:');
  });

  it('refuses a dev server URL that is not http(s)', () => {
    for (const devServerUrl of ['file:///etc/passwd', 'javascript:alert(1)', 'localhost:5173', 'not a url']) {
      expect(() => appEntryUrl({ devServerUrl, isPackaged: false, rendererIndex })).toThrow(/expected ELECTRON_RENDERER_URL to be an http\(s\) URL/);
    }
  });
});

describe('isAppPage', () => {
  it('accepts the built index.html, with any query or fragment', () => {
    expect(isAppPage(builtEntry.href, builtEntry)).toBe(true);
    expect(isAppPage(`${builtEntry.href}#/runs/42`, builtEntry)).toBe(true);
    expect(isAppPage(`${builtEntry.href}?view=compare`, builtEntry)).toBe(true);
  });

  it('rejects other files, even next to index.html (file:// pages share the origin "null")', () => {
    expect(isAppPage('file:///opt/Collapse%20Lab/resources/app.asar/out/renderer/other.html', builtEntry)).toBe(false);
    expect(isAppPage('file:///etc/passwd', builtEntry)).toBe(false);
    expect(isAppPage('file://remote-host/opt/Collapse%20Lab/resources/app.asar/out/renderer/index.html', builtEntry)).toBe(false);
  });

  it('rejects web pages and unparsable input for a built app', () => {
    expect(isAppPage('https://example.com/index.html', builtEntry)).toBe(false);
    expect(isAppPage('', builtEntry)).toBe(false);
    expect(isAppPage('index.html', builtEntry)).toBe(false);
  });

  it('trusts the dev server by origin', () => {
    expect(isAppPage('http://localhost:5173/', devEntry)).toBe(true);
    expect(isAppPage('http://localhost:5173/src/main.tsx', devEntry)).toBe(true);
    expect(isAppPage('http://localhost:5174/', devEntry)).toBe(false);
    expect(isAppPage('https://localhost:5173/', devEntry)).toBe(false);
    expect(isAppPage('http://127.0.0.1:5173/', devEntry)).toBe(false);
    expect(isAppPage('http://localhost:5173.evil.example/', devEntry)).toBe(false);
    expect(isAppPage('file:///app/out/renderer/index.html', devEntry)).toBe(false);
  });
});
