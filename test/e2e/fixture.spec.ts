import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, Workbench } from './driver';

// The page-problem check of driver.ts (issue 13, item 11) against planted problems. Each test
// below plants one and first checks, in its body, that the check saw it; the body then passes,
// so the only failure left is the check's own after the test, which test.fail() expects. Were
// the check to miss a problem, the test would pass and Playwright would report "expected to
// fail", failing the suite.

test('every spec uses the checked test of driver.ts, not Playwright’s bare one', () => {
  const dir = import.meta.dirname;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.spec.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source, `${file} imports test from '@playwright/test'`).not.toMatch(/import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/);
    expect(source, `${file} imports test from './driver'`).toMatch(/import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'\.\/driver'/);
  }
});

test.describe('a planted problem fails the test', () => {
  test.beforeEach(async ({ page }) => {
    await new Workbench(page).open('runs');
  });

  test('a console error', async ({ page, pageProblems }) => {
    test.fail();
    await page.evaluate(() => console.error('planted console error'));
    await expect.poll(() => pageProblems.unexpected().map((p) => p.text)).toContainEqual(expect.stringContaining('planted console error'));
  });

  test('an uncaught exception', async ({ page, pageProblems }) => {
    test.fail();
    await page.evaluate(() => setTimeout(() => {
      throw new Error('planted uncaught error');
    }));
    await expect.poll(() => pageProblems.unexpected().map((p) => `${p.kind}: ${p.text}`)).toContainEqual(expect.stringMatching(/^pageerror: .*planted uncaught error/));
  });

  test('an inline style the CSP refuses', async ({ page, pageProblems }) => {
    test.fail();
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = '<span style="color: red">planted</span>';
      document.body.append(div);
    });
    await expect.poll(() => pageProblems.unexpected().map((p) => p.text)).toContainEqual(expect.stringContaining('Content Security Policy'));
  });

  test('a request answered 404', async ({ page, pageProblems }) => {
    test.fail();
    await page.evaluate(() => fetch('/no-such-file.png').then((r) => r.status));
    await expect.poll(() => pageProblems.unexpected().map((p) => `${p.kind}: ${p.text}`)).toContainEqual(expect.stringMatching(/^http: 404 GET .*\/no-such-file\.png$/));
  });

  test('a problem the test allows does not fail it', async ({ page, pageProblems }) => {
    pageProblems.allow(/planted and allowed/, 'this test logs it on purpose');
    await page.evaluate(() => console.error('planted and allowed'));
    await expect.poll(() => pageProblems.seen.length).toBe(1);
    expect(pageProblems.unexpected()).toEqual([]);
  });
});

test('a page load logs nothing: no favicon 404, no CSP refusal', async ({ page, pageProblems }) => {
  const app = new Workbench(page);
  for (const p of ['runs', 'new-run', 'label', 'train', 'compare'] as const) {
    await app.open(p);
    await page.waitForLoadState('networkidle');
  }
  expect(pageProblems.seen).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
});
