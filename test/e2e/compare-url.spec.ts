import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './driver';
import { cliRun } from './cli-run';
import { startServe, type ServeHandle } from './serve';

// Compare's view lives in the URL (issue 14): chosen runs, baseline, metric, axes, bands, the
// sweep view and the picker's search survive a reload, and a copied address opens the same view
// in another tab. Its own server and store: four short runs over sampleSize.n0.
test.describe.configure({ mode: 'serial' });

let server: ServeHandle;
const runs: Record<string, string> = {};
const N0 = [25, 50, 100, 200];

function cliRunHere(sets: readonly string[]): Promise<string> {
  return cliRun(server.store, 'xu-fixed-n', sets);
}

test.beforeAll(async () => {
  server = await startServe();
  for (const n0 of N0) runs[`n0 ${n0}`] = await cliRunHere([`name=url walk n0 ${n0}`, 'replicates=20', 'generations=40', `sampleSize.n0=${n0}`]);
});

test.afterAll(async () => {
  await server?.stop();
});

const picked = (page: Page, name: string) => page.getByTestId('picker-run').filter({ hasText: name });

/** What the page shows, read from the page itself (not from the URL). */
async function shownView(page: Page) {
  const chart = page.getByTestId('compare-chart');
  return {
    chosen: (await page.getByTestId('picker-run').evaluateAll((items) => items.filter((i) => i.getAttribute('data-chosen') === 'true').map((i) => i.getAttribute('data-run-id')!))).sort(),
    columns: await page.getByTestId('config-diff').locator('thead th[data-run-id]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-run-id'))),
    metric: await page.getByLabel('Metric').inputValue(),
    logY: await page.getByLabel('Log y axis').isChecked(),
    logX: await page.getByLabel('Log x axis').isChecked(),
    bands: await page.getByLabel('IQR bands').isChecked(),
    chart: { metric: await chart.getAttribute('data-metric'), y: await chart.getAttribute('data-y-scale'), x: await chart.getAttribute('data-x-scale') },
  };
}

test('runs, baseline, metric and axes survive a reload, and a pasted address opens the same view', async ({ page, context }) => {
  await page.goto(`${server.url}#/runs`);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('picker-count')).toContainText('4 of 4 shown');
  await picked(page, 'url walk n0 200').getByRole('checkbox').check();
  await picked(page, 'url walk n0 25').getByRole('checkbox').check();
  await picked(page, 'url walk n0 50').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Pin url walk n0 25 as baseline' }).click();
  await page.getByLabel('Metric').selectOption('error');
  await page.getByLabel('Log y axis').check();
  await page.getByLabel('Log x axis').check();
  await page.getByLabel('IQR bands').uncheck();
  const chart = page.getByTestId('compare-chart');
  await expect(chart).toHaveAttribute('data-drawn-runs', '3', { timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-x-scale', 'log');

  // The address says it, readably, in the order chosen.
  const [a, b, c] = [runs['n0 200'], runs['n0 25'], runs['n0 50']];
  const url = new URL(page.url());
  expect(url.searchParams.get('token')).not.toBeNull(); // the session token stays
  expect(url.hash).toBe(`#/compare?runs=${a},${b},${c}&base=${b}&metric=error&y=log&x=log&bands=off`);
  const expected = {
    chosen: [a, b, c].sort(),
    columns: [b, a, c], // the pinned baseline first, then in the order chosen
    metric: 'error',
    logY: true,
    logX: true,
    bands: false,
    chart: { metric: 'error', y: 'log', x: 'log' },
  };
  expect(await shownView(page)).toEqual(expected);

  // Ticking and switching replaced the history entry rather than adding one per change:
  // Back leaves Compare for the page before it.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  await expect(chart).toHaveAttribute('data-drawn-runs', '3', { timeout: 30_000 });
  expect(await shownView(page)).toEqual(expected);

  // Reload: the same view.
  await page.reload();
  await expect(chart).toHaveAttribute('data-drawn-runs', '3', { timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  expect(await shownView(page)).toEqual(expected);
  expect(page.url()).toBe(url.href);
  await page.getByTestId('config-diff').scrollIntoViewIfNeeded();
  await screenshot(page, '48-compare-after-reload');

  // The address pasted into another tab: the same view.
  const other = await context.newPage();
  await other.goto(url.href);
  await expect(other.getByTestId('compare-chart')).toHaveAttribute('data-drawn-runs', '3', { timeout: 30_000 });
  expect(await shownView(other)).toEqual(expected);
  await other.close();
});

test('a hand-written address: the sweep view of the runs it names, with the search it gives', async ({ page }) => {
  const ids = N0.map((n) => runs[`n0 ${n}`]);
  await page.goto(`${server.url}#/compare?runs=${ids.join(',')},nosuchrun&view=sweep&y=log&x=log&q=url+walk`);
  const sweep = page.getByTestId('sweep-chart');
  await expect(sweep).toHaveAttribute('data-drawn-runs', '4', { timeout: 30_000 });
  await expect(page.getByTestId('sweep-view')).toContainText('sampleSize.n0');
  await expect(page.getByRole('button', { name: 'Sweep' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('searchbox', { name: 'Search runs' })).toHaveValue('url walk');
  await expect(page.getByTestId('picker-count')).toContainText('4 chosen');
  // The run the store does not have is dropped, from the view and from the address.
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/compare?runs=${ids.join(',')}&view=sweep&y=log&x=log&q=url+walk`);
  await screenshot(page, '49-compare-sweep-from-url');

  // Typed into the same tab: the view follows the address.
  await page.evaluate(() => (window.location.hash = '#/compare?metric=error'));
  await expect(page.getByTestId('compare-placeholder')).toBeVisible();
  await expect(page.getByLabel('Metric')).toHaveValue('error');
  await expect(page.getByTestId('picker-count')).toHaveText('4 of 4 shown · 0 chosen');
});
