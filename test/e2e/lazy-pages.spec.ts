import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { appUrl, expect, SCREENSHOTS, test, Workbench } from './driver';

// Issue 15: each page is its own chunk, loaded the first time it is shown, and ECharts comes
// with the first page that draws a chart; the production CSP (script-src 'self') lets every
// chunk in. Reads the suite's shared server only (its store is whatever earlier specs left).

/** Scripts the page fetched from the server, by file name, with their sizes. */
function watchScripts(page: Page): Map<string, number> {
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.set(url.pathname.split('/').pop()!, body.length);
  });
  return scripts;
}

/** CSP violations and script errors, as the page reports them. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Failed to fetch dynamically imported module|Loading chunk/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__cspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

const has = (scripts: Map<string, number>, stem: string): boolean => [...scripts.keys()].some((name) => name.startsWith(`${stem}-`));

test('the first load carries the shell and the Runs page only; each other page, and ECharts, arrive when first shown', async ({ page }) => {
  const problems = await watchViolations(page);
  const scripts = watchScripts(page);
  const app = new Workbench(page);
  await app.open('runs');
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  // Under the production policy: scripts from the page's own origin only.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  await page.waitForLoadState('networkidle');
  const initial = new Map(scripts);
  expect(has(initial, 'index')).toBe(true);
  expect(has(initial, 'runs-page')).toBe(true);
  for (const later of ['compare-page', 'label-page', 'train-page', 'new-run-page', 'echart']) expect(has(initial, later), later).toBe(false);
  const initialBytes = [...initial.values()].reduce((a, b) => a + b, 0);
  expect(initialBytes).toBeLessThan(400_000);

  await app.goTo('New run');
  await expect.poll(() => has(scripts, 'new-run-page')).toBe(true);
  expect(has(scripts, 'echart')).toBe(false);
  await app.goTo('Compare');
  await expect.poll(() => has(scripts, 'compare-page')).toBe(true);
  await expect.poll(() => has(scripts, 'echart')).toBe(true);
  await app.goTo('Train');
  await expect.poll(() => has(scripts, 'train-page')).toBe(true);
  await app.goTo('Label');
  await expect.poll(() => has(scripts, 'label-page')).toBe(true);
  await page.waitForLoadState('networkidle');

  expect(problems).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const sizes = Object.fromEntries([...scripts].sort((a, b) => b[1] - a[1]));
  writeFileSync(join(SCREENSHOTS, 'bundle-chunks.json'), `${JSON.stringify({ initialBytes, initial: Object.fromEntries(initial), all: sizes }, null, 2)}\n`);
  console.log(`renderer chunks: first load ${initialBytes} bytes of script (${[...initial.keys()].join(', ')}); all: ${JSON.stringify(sizes)}`);
});

test('a page opened by its address loads its chunk directly, with no error', async ({ page }) => {
  const problems = await watchViolations(page);
  const scripts = watchScripts(page);
  await page.goto(appUrl('compare'));
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(has(scripts, 'compare-page')).toBe(true);
  expect(problems).toEqual([]);
});
