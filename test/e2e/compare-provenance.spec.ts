import type { Locator, Page } from '@playwright/test';
import { runCli } from '../../main/cli/run-cli';
import type { LabelSetSource } from '../../main/services';
import { machineSuggestion } from '../../main/services/label-view';
import { openStore } from '../../main/store';
import { expect, screenshot, test } from './driver';
import { ROOT, startServe, type ServeHandle } from './serve';

// Compare's config table for a run that reuses a stored filter (issue 13): the filter's real
// provenance (its label set, labeller, generations x candidates, the filter) in place of the
// preset's machine-labelling defaults, and run headers that stay readable. Its own server and
// store: a person's 5 x 200 label set, a filter trained on it, and runs with and without it.
test.describe.configure({ mode: 'serial' });

let server: ServeHandle;
let labelSetId = '';
let filterId = '';
const ids: Record<'human' | 'inline' | 'plain', string> = { human: '', inline: '', plain: '' };

const SET_NAME = 'hand labels 5x200';
const FILTER_NAME = 'filter by Ada';
const NAMES = {
  human: 'filtered by Ada’s hand labels',
  inline: 'inline filter from machine labels',
  // Long on purpose: its header must stay readable.
  plain: 'unfiltered walk, the same model with no filter at all, kept as the reference run',
};

/** `collapse-lab ARGS --db <store> --json` in this process (the same runCli as `npm run cli`); its JSON line. */
async function cli<T>(args: readonly string[]): Promise<T> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env };
  delete env.COLLAPSE_LAB_DB;
  const code = await runCli([...args, '--db', server.store, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env, cwd: ROOT });
  if (code !== 0) throw new Error(`${args[0]} exited ${code}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/** Labels every candidate of a human set as a person following the machine rule would, through the store. */
function labelByHand(setId: string): void {
  const store = openStore(server.store);
  try {
    const set = store.getLabelSet(setId)!;
    for (const generation of store.getLabelGenerations(setId)) {
      const g = store.getLabelGroup(setId, generation)!;
      const labels = machineSuggestion(set.source as LabelSetSource, generation, g.candidates, g.dim, g.estimate);
      store.saveLabels(setId, labels.map((label, idx) => ({ generation, idx, label: label === 1 ? 1 : 0 })), 'Ada');
    }
  } finally {
    store.close();
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServe();
  // A person's label set, 5 generations x 200 candidates (not the machine defaults, 20 x 1000).
  ({ labelSetId } = await cli<{ labelSetId: string }>(['label', '--labeler', 'Ada', '--name', SET_NAME, '--set', 'filter.labels.generations=5', '--set', 'filter.labels.candidates=200']));
  labelByHand(labelSetId);
  ({ filterId } = await cli<{ filterId: string }>(['train-filter', '--labels', labelSetId, '--name', FILTER_NAME, '--set', 'filter.training.epochs=8', '--set', 'filter.training.hidden=16']));
  // The preset carries filter.labels 20 x 1000: unused by a run that reuses a stored filter.
  const small = ['replicates=20', 'generations=30'];
  ids.human = (await cli<{ runId: string }>(['run', '--preset', 'filter-constant-n', '--set', `name=${NAMES.human}`, '--set', `filter.id=${filterId}`, ...small.flatMap((s) => ['--set', s])])).runId;
  ids.plain = (await cli<{ runId: string }>(['run', '--preset', 'xu-fixed-n', '--set', `name=${NAMES.plain}`, ...small.flatMap((s) => ['--set', s])])).runId;
  // A run that trains its own filter does use its filter.labels.
  const inline = ['filter.labels.generations=3', 'filter.labels.candidates=100', 'filter.training.epochs=3', 'filter.training.hidden=8', ...small];
  ids.inline = (await cli<{ runId: string }>(['run', '--preset', 'filter-constant-n', '--set', `name=${NAMES.inline}`, ...inline.flatMap((s) => ['--set', s])])).runId;
});

test.afterAll(async () => {
  await server?.stop();
});

/** Compare with these runs chosen, in this order (the first is the baseline), through its URL. */
async function openWith(page: Page, runs: readonly string[]): Promise<Locator> {
  await page.goto(`${server.url}#/compare?runs=${runs.join(',')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare' })).toBeVisible();
  const chart = page.getByTestId('compare-chart');
  await expect(chart).toHaveAttribute('data-drawn-runs', String(runs.length), { timeout: 30_000 });
  return page.getByTestId('config-diff');
}

async function row(table: Locator, path: string): Promise<string[]> {
  return table.locator(`tr[data-path="${path}"] td`).allTextContents();
}

test('a run on a stored filter shows where the filter came from, not the preset’s labelling defaults', async ({ page }) => {
  const table = await openWith(page, [ids.human, ids.plain, ids.inline]);
  const provenance = page.getByTestId('config-provenance');
  await expect(provenance).toContainText('Stored filter (filter.id): where it came from');
  // Baseline (the run on Ada's filter), then the unfiltered run, then the one with its own filter.
  expect(await row(table, 'provenance.filter')).toEqual([`${FILTER_NAME} (${filterId})`, '—', 'none: the run trains its own']);
  expect(await row(table, 'provenance.labelSet')).toEqual([`${SET_NAME} (${labelSetId})`, '—', '—']);
  expect(await row(table, 'provenance.labeler')).toEqual(['Ada (by hand)', '—', '—']);
  expect(await row(table, 'provenance.shape')).toEqual(['5 × 200', '—', '—']);
  await expect(provenance.locator('tr[data-path="provenance.shape"] th')).toHaveText('label generations × candidates');

  // filter.labels.* stay for the run that labels (3 x 100) and are gone for the run that did not.
  expect(await row(table, 'filter.labels.generations')).toEqual(['—', '—', '3']);
  expect(await row(table, 'filter.labels.candidates')).toEqual(['—', '—', '100']);
  expect(await row(table, 'filter.id')).toEqual([filterId, '—', '—']);
  const text = await table.innerText();
  expect(text).not.toContain('1000');

  await expectHeadersReadable(table, [NAMES.human, NAMES.plain, NAMES.inline]);
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, '47-compare-stored-filter-provenance');
});

test('alone, with every field shown: the provenance rows, and no filter.labels row at all', async ({ page }) => {
  const table = await openWith(page, [ids.human]);
  expect(await row(table, 'provenance.labelSet')).toEqual([`${SET_NAME} (${labelSetId})`]);
  expect(await row(table, 'provenance.shape')).toEqual(['5 × 200']);
  await table.getByRole('button', { name: 'Show all fields' }).click();
  await expect(table.locator('tr[data-path="filter.kind"] td')).toHaveText(['neural']);
  await expect(table.locator('tr[data-path^="filter.labels."]')).toHaveCount(0);
  await expectHeadersReadable(table, [NAMES.human]);
});

/**
 * Every run's header is readable: its whole name shows (nothing cut, no ellipsis needed) inside
 * the table's visible area, and its title carries the name as well.
 */
async function expectHeadersReadable(table: Locator, names: readonly string[]): Promise<void> {
  const scroll = table.locator('.config-diff-scroll');
  const area = (await scroll.boundingBox())!;
  const heads = table.locator('thead th[data-run-id]');
  await expect(heads).toHaveCount(names.length);
  for (let i = 0; i < names.length; i++) {
    const head = heads.nth(i);
    await expect(head.locator('.config-run-name')).toHaveText(names[i]);
    await expect(head).toHaveAttribute('title', new RegExp(`^${names[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const fit = await head.locator('.config-run-name').evaluate((el) => ({ width: [el.scrollWidth, el.clientWidth], height: [el.scrollHeight, el.clientHeight] }));
    expect(fit.width[0], `${names[i]}: the name is cut at the side`).toBeLessThanOrEqual(fit.width[1]);
    expect(fit.height[0], `${names[i]}: the name is cut below`).toBeLessThanOrEqual(fit.height[1]);
    const box = (await head.boundingBox())!;
    expect(box.x, `${names[i]} starts inside the table`).toBeGreaterThanOrEqual(area.x - 0.5);
    expect(box.x + box.width, `${names[i]} ends inside the table`).toBeLessThanOrEqual(area.x + area.width + 0.5);
  }
}
