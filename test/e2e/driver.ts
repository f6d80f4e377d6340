import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ROOT } from './serve';

export { expect };

/** Something that went wrong in a page: a console error, an uncaught exception, a failed or refused request. */
export interface PageProblem {
  kind: 'console' | 'pageerror' | 'requestfailed' | 'http';
  text: string;
}

/**
 * Every problem the pages of one test report (issue 13, item 11: zero console errors). A test
 * that provokes some on purpose (a stopped server, a wrong token) names them with `allow`;
 * anything else fails the test after it ran.
 */
export class PageProblems {
  readonly seen: PageProblem[] = [];
  private readonly allowed: { pattern: RegExp; why: string }[] = [];

  record(problem: PageProblem): void {
    this.seen.push(problem);
  }

  /** Problems matching `pattern` (on "kind: text") are expected in this test, for the reason given. */
  allow(pattern: RegExp, why: string): void {
    this.allowed.push({ pattern, why });
  }

  unexpected(): PageProblem[] {
    return this.seen.filter((p) => !this.allowed.some((a) => a.pattern.test(`${p.kind}: ${p.text}`)));
  }

  /** Listens to every page of the context (console, uncaught errors, requests that failed or got a status >= 400). */
  watch(context: BrowserContext): void {
    context.on('console', (m) => {
      if (m.type() !== 'error') return;
      const at = m.location();
      this.record({ kind: 'console', text: `${m.text()}${at.url ? ` (${at.url}:${at.lineNumber})` : ''}` });
    });
    context.on('weberror', (e) => this.record({ kind: 'pageerror', text: e.error().stack ?? e.error().message }));
    context.on('requestfailed', (r) => this.record({ kind: 'requestfailed', text: `${r.method()} ${r.url()}: ${r.failure()?.errorText ?? 'failed'}` }));
    context.on('response', (r) => {
      if (r.status() >= 400) this.record({ kind: 'http', text: `${r.status()} ${r.request().method()} ${r.url()}` });
    });
  }

  /** The failure message: each unexpected problem on its own line. */
  report(problems = this.unexpected()): string {
    return `${problems.length} unexpected page problem${problems.length === 1 ? '' : 's'} (console errors, uncaught errors, failed requests):\n${problems
      .map((p) => `  ${p.kind}: ${p.text}`)
      .join('\n')}`;
  }
}

/**
 * Playwright's `test` with the page-problem check in every test (every spec imports `test` from
 * here; fixture.spec.ts checks that they do). The check runs after the test's body: a test
 * whose pages logged a console error, threw, or had a request fail fails, with the list.
 */
export const test = base.extend<{ pageProblems: PageProblems }>({
  pageProblems: [
    async ({ context }, use, testInfo) => {
      const problems = new PageProblems();
      problems.watch(context);
      await use(problems);
      const unexpected = problems.unexpected();
      if (unexpected.length > 0) {
        await testInfo.attach('page-problems', { body: problems.report(unexpected), contentType: 'text/plain' });
        throw new Error(problems.report(unexpected));
      }
    },
    { auto: true },
  ],
});

/** Where the suite keeps its screenshots (CI artifacts). */
export const SCREENSHOTS = join(ROOT, 'test-results/e2e');

/** The suite's server URL, with its token (set by global-setup.ts). */
export function appUrl(page = 'runs'): string {
  const url = process.env.COLLAPSE_LAB_E2E_URL;
  if (!url) throw new Error('COLLAPSE_LAB_E2E_URL is not set: run the suite with `npx playwright test` (its global setup starts the server)');
  return `${url}#/${page}`;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // From the top, so the sticky header is where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Small helpers that read like the user's steps (style.md: tests through driver helpers). */
export class Workbench {
  constructor(readonly page: Page) {}

  async open(pageId = 'runs'): Promise<void> {
    await this.page.goto(appUrl(pageId));
    await expect(this.page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
  }

  async goTo(title: 'Runs' | 'New run' | 'Label' | 'Train' | 'Compare'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: title, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  }

  field(label: string): Locator {
    const form = this.page.getByTestId('run-form');
    return form.getByRole('textbox', { name: label, exact: true }).or(form.getByRole('combobox', { name: label, exact: true }));
  }

  /** On New run: picks a preset, sets fields by label, waits for the form to validate, starts. */
  async startRun(preset: string, fields: Readonly<Record<string, string>>): Promise<string> {
    await this.goTo('New run');
    await this.page.getByTestId(`preset-${preset}`).click();
    for (const [label, value] of Object.entries(fields)) await this.field(label).fill(value);
    await expect(this.page.getByTestId('validation-status')).toContainText('Valid:');
    await this.page.getByRole('button', { name: 'Start run' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
    const name = fields['Run name'];
    const row = this.runRow(name);
    await expect(row).toBeVisible();
    return (await row.getAttribute('data-run-id'))!;
  }

  runRow(name: string): Locator {
    return this.page.getByTestId('run-row').filter({ has: this.page.locator('.run-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  async progressOf(name: string): Promise<number> {
    const value = await this.runRow(name).getByRole('progressbar').getAttribute('aria-valuenow');
    return Number(value);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
