import { cliRun } from './cli-run';
import { expect, screenshot, test } from './driver';
import { startServe, type ServeHandle } from './serve';

// Issue 15, item 5: the parameter paths of two runs side by side in one plane (seed 000's
// figures), here a mixture refitted on its own samples against one accumulating its data. Its own
// server and store: two short gmm runs that record 16 paths each.
test.describe.configure({ mode: 'serial' });

let server: ServeHandle;
const ids: string[] = [];


test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServe();
  ids.push(await cliRun(server.store, 'gmm-collapse', ['name=paths gmm replace', 'replicates=16', 'generations=40']));
  ids.push(await cliRun(server.store, 'gmm-accumulate', ['name=paths gmm accumulate', 'replicates=16', 'generations=40']));
});

test.afterAll(async () => {
  await server?.stop();
});

test('two runs’ parameter paths side by side in one PC1/PC2 plane', async ({ page }) => {
  await page.goto(`${server.url}#/compare?runs=${ids.join(',')}&view=paths`);
  const chart = page.getByTestId('compare-paths');
  await expect(chart).toHaveAttribute('data-drawn-runs', '2', { timeout: 30_000 });
  await expect(chart).toHaveAttribute('data-state', 'drawn');
  await expect(chart).toHaveAttribute('data-paths-runs', '2');
  // A mixture's vector (2 weights, 2 means, 2 covariances: 14 numbers) is drawn on its principal plane.
  await expect(chart).toHaveAttribute('data-paths-axes', /^PC1 \(\d+%\) \/ PC2 \(\d+%\)$/);
  await expect(page.getByTestId('paths-caption')).toContainText('record.paths');
  await expect(page.getByRole('button', { name: 'Parameter paths' })).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, '47-compare-parameter-paths');
});
