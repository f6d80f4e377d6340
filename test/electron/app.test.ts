import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary, readElectronPackage } from '../../build/desktop/electron-binary';
import { ensureSqliteForElectron } from '../../build/desktop/sqlite-for-electron';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
// Found without require('electron'): since Electron 45 that require downloads a missing binary,
// which cannot work offline and would stall the run.
const binary = findElectronBinary(readElectronPackage(projectRoot));
const needsDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
const skipReason = !binary.found ? binary.reason : needsDisplay ? 'no display; run under xvfb-run' : undefined;

describe.skipIf(skipReason !== undefined)(`desktop app${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let store: string;

  beforeAll(async () => {
    if (!binary.found) return;
    const require = createRequire(import.meta.url);
    const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [electronVite, 'build'], { cwd: projectRoot, stdio: 'inherit' });
    // As `npm start` does: better-sqlite3 built for Electron's ABI, checked (build/desktop).
    const electron = readElectronPackage(projectRoot);
    ensureSqliteForElectron({ root: projectRoot, electron, abi: electron.abi ?? Number.NaN, log: (line) => console.log(line) });
    store = join(mkdtempSync(join(tmpdir(), 'collapse-lab-electron-')), 'store.sqlite');
    // Loaded here so that the skipped path needs nothing beyond Node.
    const { _electron } = await import('playwright-core');
    app = await _electron.launch({ executablePath: binary.path, args: [join(projectRoot, 'out/main/index.js')], cwd: projectRoot, env: { ...process.env, COLLAPSE_LAB_DB: store } });
    page = await app.firstWindow();
    await page.waitForSelector('h1');
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens on the Runs page of its store', async () => {
    expect(await page.title()).toBe('Collapse Lab');
    expect(await page.textContent('h1')).toBe('Runs');
    expect(existsSync(store)).toBe(true);
  });

  it('keeps Node out of the page (sandboxed, context-isolated renderer)', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; module?: unknown };
      return [typeof scope.require, typeof scope.process, typeof scope.module];
    });
    expect(globals).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it('exposes only the contract as window.workbench, and it answers over IPC', async () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const workbench = await page.evaluate(async () => {
      const value = (window as unknown as { workbench: { version: string; invoke(c: string, a: unknown): Promise<unknown> } }).workbench;
      return { keys: Object.keys(value).sort(), version: value.version, frozen: Object.isFrozen(value), presets: ((await value.invoke('presets:list', undefined)) as unknown[]).length };
    });
    expect(workbench).toEqual({ keys: ['invoke', 'on', 'version'], version, frozen: true, presets: expect.any(Number) });
    expect(workbench.presets).toBeGreaterThan(0);
  });

  it('blocks inline scripts (content security policy)', async () => {
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it('opens no new windows and does not navigate away', async () => {
    const before = page.url();
    expect(await page.evaluate(() => window.open('about:blank') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'file:///etc/hostname';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });
});
