import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { runCli } from '../../main/cli/run-cli';
import { appUrl, expect, screenshot, SCREENSHOTS, test } from './driver';
import { cliRun } from './cli-run';
import { ROOT, startServe, type ServeHandle } from './serve';

// Its own server and store: the runs made here must not show up in runs.spec.ts's fresh store.
test.describe.configure({ mode: 'serial' });

let server: ServeHandle;

/** `collapse-lab sweep ... --db <store> --json` in this process: one stored run per grid point. */
async function cliSweep(db: string, preset: string, args: readonly string[]): Promise<void> {
  let stderr = '';
  const code = await runCli(['sweep', '--preset', preset, ...args, '--db', db, '--json'], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    env: { ...process.env, COLLAPSE_LAB_DB: undefined },
    cwd: ROOT,
  });
  if (code !== 0) throw new Error(`sweep --preset ${preset} exited ${code}: ${stderr}`);
}

/** Runs in the store once the fixtures are made: 3 + 20 + the stored sweep's 7. */
const TOTAL_RUNS = 30;

/** Values of the 20-run comparison: four sample sizes x five seeds, so they also form a sweep over sampleSize.n0. */
const WALK_N0 = [10, 20, 40, 80];

test.beforeAll(async () => {
  test.setTimeout(60_000);
  server = await startServe();
  const started = Date.now();
  await cliRun(server.store, 'oracle-ball', ['name=cmp oracle filtered', 'replicates=100']);
  await cliRun(server.store, 'xu-fixed-n', ['name=cmp unfiltered walk', 'replicates=100', 'sampleSize.n0=1000']);
  await cliRun(server.store, 'fresh-golden', ['name=cmp fresh data theory', 'replicates=100']);
  for (let k = 0; k < 20; k++) {
    await cliRun(server.store, 'xu-fixed-n', [`name=long walk ${String(k + 1).padStart(2, '0')}`, 'replicates=4', 'generations=10000', `sampleSize.n0=${WALK_N0[k % 4]}`, `seed=${k + 1}`]);
  }
  await cliSweep(server.store, 'fresh-golden', ['--grid', 'data.realWeight=0.2:0.8:0.1', '--name', 'weight sweep', '--set', 'replicates=50', '--set', 'generations=100']);
  console.log(`compare fixtures: ${TOTAL_RUNS} runs stored in ${Date.now() - started} ms`);
});

test.afterAll(async () => {
  await server?.stop();
});

test('with no runs stored, the page says how to make some', async ({ page }) => {
  // The suite's shared server, whose store is still empty (runs.spec.ts fills it later).
  await page.goto(appUrl('compare'));
  await expect(page.getByTestId('compare-empty')).toContainText('No runs stored yet.');
  await expect(page.getByTestId('compare-empty')).toContainText('npm run cli -- run --preset xu-fixed-n');
  await screenshot(page, '40-compare-empty');
});

async function openCompare(page: Page): Promise<void> {
  await page.goto(`${server.url}#/compare`);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  await expect(page.getByTestId('picker-count')).toContainText(`${TOTAL_RUNS} of ${TOTAL_RUNS} shown`);
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search runs' }).fill(text);
}

/** The config table's cells for one dotted path, baseline first. */
async function configRow(page: Page, path: string): Promise<string[]> {
  const cells = page.getByTestId('config-diff').locator(`tr[data-path="${path}"] td`);
  return cells.allTextContents();
}

async function drawn(chart: Locator, runs: number): Promise<void> {
  await expect(chart).toHaveAttribute('data-drawn-runs', String(runs), { timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-state', 'drawn');
}

test('three runs: filtered, unfiltered and fresh data, with their theory, config differences, log axis and exports', async ({ page }) => {
  await openCompare(page);
  await expect(page.getByTestId('compare-placeholder')).toContainText('Choose runs to compare');
  await search(page, 'cmp');
  await expect(page.getByTestId('picker-run')).toHaveCount(3);
  await page.getByRole('button', { name: 'Choose shown' }).click();
  await page.getByRole('button', { name: 'Pin cmp unfiltered walk as baseline' }).click();
  await expect(page.getByRole('button', { name: 'Pin cmp unfiltered walk as baseline' })).toHaveAttribute('aria-pressed', 'true');

  const chart = page.getByTestId('compare-chart');
  await drawn(chart, 3);
  // Every one of these presets has a closed form for E||e_t||^2: three dashed curves.
  await expect(chart).toHaveAttribute('data-theory-runs', '3');
  await expect(page.getByTestId('chart-caption')).toContainText('theory.errorMeanSq');

  // The table shows only what differs, the pinned baseline first.
  const table = page.getByTestId('config-diff');
  const headers = await table.locator('thead th').allTextContents();
  expect(headers[1]).toBe('cmp unfiltered walkbaseline');
  expect(headers.slice(2).sort()).toEqual(['cmp fresh data theory', 'cmp oracle filtered']);
  const paths = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));
  expect(paths).toEqual(expect.arrayContaining(['filter.kind', 'data.mode', 'preset', 'sampleSize.n0']));
  expect(paths).not.toContain('model.family');
  expect(paths).not.toContain('name');
  const order = headers.slice(1).map((h) => h.replace('baseline', ''));
  const at = (cells: string[], name: string): string => cells[order.indexOf(name)];
  const kind = await configRow(page, 'filter.kind');
  expect(at(kind, 'cmp unfiltered walk')).toBe('none');
  expect(at(kind, 'cmp oracle filtered')).toBe('oracle');
  expect(at(kind, 'cmp fresh data theory')).toBe('none');
  const mode = await configRow(page, 'data.mode');
  expect(at(mode, 'cmp fresh data theory')).toBe('fresh');
  const n0 = await configRow(page, 'sampleSize.n0');
  expect(at(n0, 'cmp unfiltered walk')).toBe('1000');
  expect(at(n0, 'cmp fresh data theory')).toBe('100');
  // Cells unlike the baseline are marked; the baseline's own never are.
  const kindCells = table.locator('tr[data-path="filter.kind"] td');
  await expect(kindCells.nth(order.indexOf('cmp oracle filtered'))).toHaveAttribute('data-differs', 'true');
  await expect(kindCells.nth(order.indexOf('cmp fresh data theory'))).not.toHaveAttribute('data-differs', 'true');
  await expect(kindCells.nth(0)).not.toHaveAttribute('data-differs', 'true');
  await screenshot(page, '41-compare-three-runs');

  // Log y axis: redrawn as a log scale.
  const before = await chart.getAttribute('data-render-ms');
  await page.getByLabel('Log y axis').check();
  await expect(chart).toHaveAttribute('data-y-scale', 'log');
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  expect(before).not.toBeNull();
  await screenshot(page, '42-compare-three-runs-log');

  // PNG: a real PNG file, from the chart.
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toBe('compare-trajectories-mse-3-runs.png');
  const bytes = readFileSync((await pngFile.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(20_000);

  // CSV: one row per generation per run (T = 200: 201 each), at full resolution.
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csvFile = await csv;
  expect(csvFile.suggestedFilename()).toBe('compare-mse-3-runs.csv');
  const lines = readFileSync((await csvFile.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('run_id,run_name,t,mse,mse_band_low,mse_band_high,mse_theory');
  expect(lines).toHaveLength(1 + 3 * 201);
  const first = lines[1].split(',');
  expect(first[1]).toBe('cmp unfiltered walk');
  expect(first[2]).toBe('0');
  expect(Number(first[6])).toBeCloseTo(0.002, 6); // theory at t = 0: d sigma^2 / n = 2 / 1000
});

test('20 runs of 10,000 generations: chosen to drawn, timed; then a sweep over sampleSize.n0', async ({ page }) => {
  await openCompare(page);
  await search(page, 'long walk');
  await expect(page.getByTestId('picker-run')).toHaveCount(20);
  const chart = page.getByTestId('compare-chart');

  const clicked = Date.now();
  await page.getByRole('button', { name: 'Choose shown' }).click();
  await expect(chart).toHaveAttribute('data-selection-runs', '20', { timeout: 30_000 });
  const seen = Date.now() - clicked;
  const selectionMs = Number(await chart.getAttribute('data-selection-ms'));
  const fetchMs = Number(await chart.getAttribute('data-fetch-ms'));
  const renderMs = Number(await chart.getAttribute('data-render-ms'));
  expect(selectionMs).toBeGreaterThan(0);
  await screenshot(page, '43-compare-20-runs');

  // Redraws of all 20 x 10,001 points after a setting changes (no fetch).
  const redraw = async (act: () => Promise<void>, check: () => Promise<void>): Promise<number> => {
    await act();
    await check();
    await expect(chart).toHaveAttribute('data-state', 'drawn');
    return Number(await chart.getAttribute('data-render-ms'));
  };
  const logMs = await redraw(
    () => page.getByLabel('Log y axis').check(),
    () => expect(chart).toHaveAttribute('data-y-scale', 'log'),
  );
  const logXMs = await redraw(
    () => page.getByLabel('Log x axis').check(),
    () => expect(chart).toHaveAttribute('data-x-scale', 'log'),
  );
  const metricMs = await redraw(
    async () => {
      await page.getByLabel('Metric').selectOption('error');
    },
    () => expect(chart).toHaveAttribute('data-metric', 'error'),
  );
  await screenshot(page, '44-compare-20-runs-log-log');

  const timing = {
    runs: 20,
    generationsPerRun: 10_001,
    chosenToDrawnMs: selectionMs,
    fetchMs,
    renderMs,
    observedByTestMs: seen,
    redrawLogYMs: logMs,
    redrawLogXMs: logXMs,
    redrawMetricMs: metricMs,
  };
  console.log(
    `COMPARE 20 x 10,001 generations: chosen -> chart drawn ${selectionMs} ms (series fetch ${fetchMs} ms, option to frame ${renderMs} ms; seen by the test after ${seen} ms); redraws: log y ${logMs} ms, log x ${logXMs} ms, metric ${metricMs} ms`,
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, 'compare-timing.json'), `${JSON.stringify(timing, null, 2)}\n`);

  // The same 20 runs differ only in sampleSize.n0 (and seed): a sweep.
  await page.getByRole('button', { name: 'Sweep' }).click();
  await page.getByLabel('Metric').selectOption('mse');
  const sweep = page.getByTestId('sweep-chart');
  await expect(sweep).toHaveAttribute('data-state', 'drawn');
  await expect(sweep).toHaveAttribute('data-drawn-runs', '20');
  await expect(page.getByTestId('sweep-view')).toContainText('sampleSize.n0');
  await screenshot(page, '45-compare-sweep');

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const lines = readFileSync((await (await csv).path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('run_id,run_name,sampleSize.n0,series,window_from,window_to,mse_mean,mse_se,mse_theory_mean');
  expect(lines).toHaveLength(21);
  expect(lines.slice(1).every((l) => l.split(',')[4] === '7500' && l.split(',')[5] === '10001')).toBe(true);
});

test('a stored sweep opens with its runs, summarised by the services against the swept weight', async ({ page }) => {
  await openCompare(page);
  await page.getByRole('button', { name: 'Sweep' }).click();
  await expect(page.getByTestId('sweep-none')).toBeVisible();
  await expect(page.getByLabel('Stored sweep')).toContainText('weight sweep');
  await page.getByRole('button', { name: 'Open its runs' }).click();
  await expect(page.getByTestId('picker-count')).toContainText('7 chosen');
  const sweep = page.getByTestId('sweep-chart');
  await expect(sweep).toHaveAttribute('data-drawn-runs', '7', { timeout: 30_000 });
  await expect(page.getByTestId('sweep-view')).toContainText('stored sweep weight sweep: data.realWeight, 7 runs');
  await expect(page.getByTestId('sweep-view')).toContainText('summaries as the services computed them');
  // Only the weight differs between its runs.
  const paths = await page.getByTestId('config-diff').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));
  expect(paths).toEqual(['data.realWeight']);
  await screenshot(page, '46-compare-stored-sweep');

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const lines = readFileSync((await (await csv).path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('run_id,run_name,data.realWeight,series,window_from,window_to,mse_mean,mse_se,mse_theory_mean');
  expect(lines).toHaveLength(8);
  // The services' window (the last quarter of T = 100) and a standard error for every point.
  expect(lines.slice(1).every((l) => l.split(',')[4] === '75' && Number(l.split(',')[7]) > 0)).toBe(true);
});
