import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary();
const needsDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
const skipReason = !binary.found ? binary.reason : needsDisplay ? 'no display; run under xvfb-run' : undefined;

describe.skipIf(skipReason !== undefined)(`desktop app${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (!binary.found) return;
    const require = createRequire(import.meta.url);
    const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
    execFileSync(process.execPath, [electronVite, 'build'], { cwd: projectRoot, stdio: 'inherit' });
    // Loaded here so that the skipped path needs nothing beyond Node.
    const { _electron } = await import('playwright-core');
    app = await _electron.launch({ executablePath: binary.path, args: [join(projectRoot, 'out/main/index.js')], cwd: projectRoot });
    page = await app.firstWindow();
    await page.waitForSelector('h1');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows the placeholder page', async () => {
    expect(await page.title()).toBe('Collapse Lab');
    expect(await page.textContent('h1')).toBe('Collapse Lab');
    expect(await page.textContent('body')).toContain('npm run cli -- run --preset xu-fixed-n');
  });

  it('keeps Node out of the page (sandboxed, context-isolated renderer)', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; module?: unknown };
      return [typeof scope.require, typeof scope.process, typeof scope.module];
    });
    expect(globals).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it('exposes only the frozen window.workbench placeholder', async () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const workbench = await page.evaluate(() => {
      const value = (window as unknown as { workbench: unknown }).workbench;
      return { value, frozen: Object.isFrozen(value) };
    });
    expect(workbench).toEqual({ value: { version }, frozen: true });
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
