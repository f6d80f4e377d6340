import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { ROOT } from './serve';

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
