import type { Page } from '@playwright/test';
import { expect, screenshot, test, Workbench } from './driver';
import { cliRun } from './cli-run';
import { startServe, type ServeHandle } from './serve';

// A run's own page (issue 18, items 1, 5 and 6): opened from the Runs table, its note and tags
// edited and still there after a reload, its view kept in the address, and a live run's charts
// growing. Its own server and store, with one finished run made by the CLI.
test.describe.configure({ mode: 'serial' });

let server: ServeHandle;
let doneId = '';
const DONE = 'page walk n0 50';

test.beforeAll(async () => {
  server = await startServe();
  doneId = await cliRun(server.store, 'xu-fixed-n', [`name=${DONE}`, 'replicates=20', 'generations=40', 'sampleSize.n0=50']);
});

test.afterAll(async () => {
  await server?.stop();
});

async function openRuns(page: Page): Promise<Workbench> {
  await page.goto(`${server.url}#/runs`);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
  return new Workbench(page);
}

const points = async (page: Page, chart: string): Promise<number> => Number(await page.getByTestId(`run-chart-${chart}`).getAttribute('data-points'));

test('a run opens from the table; its note and tags are edited, stored and still there after a reload', async ({ page }) => {
  const app = await openRuns(page);
  await app.runRow(DONE).getByRole('link', { name: DONE }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${doneId}$`));
  const runPage = page.getByTestId('run-page');
  await expect(runPage.getByRole('heading', { level: 1, name: DONE })).toBeVisible();
  await expect(page).toHaveTitle(`${DONE} · Run · Collapse Lab`);
  await expect(page.getByTestId('run-facts')).toContainText('Completed');
  // generations=40 is T: t = 0 .. 40, all 41 stored and drawn.
  await expect(page.getByTestId('run-facts')).toContainText('41 / 41');
  await expect.poll(() => points(page, 'error')).toBe(41);
  await expect(page.getByTestId('run-config-summary')).toContainText('from preset xu-fixed-n');
  await expect(page.getByTestId('run-config').locator('tr[data-path="sampleSize.n0"]')).toContainText('50');

  // A note with Markdown and HTML: the Markdown renders, the HTML shows as text.
  await page.getByRole('button', { name: 'Add a note' }).click();
  await page.getByTestId('run-note-text').fill('Flat after *t = 10*.\n\n- n0 **50**\n- <b>not bold</b> [paper](https://example.org/)');
  await page.getByRole('button', { name: 'Save note' }).click();
  const note = page.getByTestId('run-note');
  await expect(note.locator('em')).toHaveText('t = 10');
  await expect(note.locator('li strong')).toHaveText('50');
  await expect(note.locator('b')).toHaveCount(0);
  await expect(note).toContainText('<b>not bold</b>');
  await expect(note.getByRole('link', { name: 'paper' })).toHaveAttribute('href', 'https://example.org/');

  // Tags: two added at once, one taken off; a bad one is refused next to the field.
  await page.getByTestId('run-tag-input').fill('baseline fig-2 seed-7');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const tags = page.getByTestId('run-tags');
  // Each chip is the tag and its remove button (×).
  await expect(tags.locator('.tag-chip')).toHaveText(['baseline×', 'fig-2×', 'seed-7×']);
  await tags.getByRole('button', { name: 'Remove tag seed-7' }).click();
  await expect(tags.locator('.tag-chip')).toHaveCount(2);
  await page.getByTestId('run-tag-input').fill('x\u0007');
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await page.getByTestId('run-tag-input').fill('');

  // The view in the address: the log axis and every config field.
  await page.getByRole('checkbox', { name: 'log error axis' }).check();
  await page.getByRole('button', { name: 'All fields' }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${doneId}\\?log=1&config=all$`));
  await screenshot(page, '50-run-page-note-tags');

  await page.reload();
  await expect(page.getByTestId('run-note').locator('em')).toHaveText('t = 10');
  await expect(page.getByTestId('run-tags').locator('.tag-chip')).toHaveCount(2);
  await expect(page.getByTestId('run-tags')).toContainText('baseline');
  await expect(page.getByTestId('run-tags')).toContainText('fig-2');
  await expect(page.getByRole('checkbox', { name: 'log error axis' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'All fields' })).toHaveAttribute('aria-pressed', 'true');

  // Export downloads the run's document; Rerun makes a new run of the same config and opens
  // its page; Delete (confirmed) removes that copy and goes back to the table.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  expect((await downloading).suggestedFilename()).toBe(`page_walk_n0_50-${doneId}.json`);
  await page.getByRole('button', { name: 'Rerun' }).click();
  await expect(page).not.toHaveURL(new RegExp(`#/runs/${doneId}`));
  await expect(page).toHaveURL(/#\/runs\/\w+$/);
  await expect(page.getByTestId('run-page').getByRole('heading', { level: 1, name: DONE })).toBeVisible();
  await expect(page.getByTestId('run-facts')).toContainText('Completed');
  await expect(page.getByTestId('run-seed')).toHaveText('1');
  // A rerun is a new run: no note, no tags of its own.
  await expect(page.getByTestId('run-note-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: `Delete run ${DONE}?` }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  await expect(app.runRow(DONE)).toHaveCount(1);

  // The table shows the run's tags under its name.
  await expect(app.runRow(DONE).getByRole('list', { name: `Tags of ${DONE}` })).toContainText('baseline');
  await screenshot(page, '51-runs-table-tags');
});

test("a live run's charts grow while it runs, then it is cancelled from its page", async ({ page }) => {
  const app = await openRuns(page);
  const name = 'live run page';
  // Long enough to be watched growing on a loaded machine; it is cancelled once it has.
  await app.startRun('oracle-ball', { 'Run name': name, 'Replicates R': '200', 'Generations T': '600' });
  await app.runRow(name).getByRole('link', { name }).click();
  await expect(page.getByTestId('run-page').getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('run-facts')).toContainText('Running');
  await expect.poll(() => points(page, 'error'), { intervals: [100] }).toBeGreaterThan(0);
  const first = await points(page, 'error');
  // Redrawn from new generations while the page stays open: no reload, no click.
  await expect.poll(() => points(page, 'error'), { intervals: [100] }).toBeGreaterThan(first);
  await expect.poll(() => points(page, 'kept'), { intervals: [100] }).toBeGreaterThan(first);
  // Enough of it drawn for the screenshot to show lines, not a sliver (about 5 s here).
  await expect.poll(() => points(page, 'error'), { intervals: [200], timeout: 40_000 }).toBeGreaterThan(80);
  await screenshot(page, '52-run-page-live');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByTestId('run-facts')).toContainText('Interrupted');
});
