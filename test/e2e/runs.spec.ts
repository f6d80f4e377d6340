import { readFileSync } from 'node:fs';
import { expect, screenshot, test, Workbench } from './driver';

// One server and store for the file: each test builds on the runs the previous ones left.
test.describe.configure({ mode: 'serial' });

test('a fresh store shows the empty Runs page, the backend badge and every page', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await expect(page.getByTestId('runs-empty')).toContainText('No runs yet');
  await expect(page.getByTestId('runs-empty')).toContainText('npm run cli -- run --preset xu-fixed-n');
  const badge = page.getByTestId('backend-badge');
  // The backend the chain picked (fused JS kernels on a machine without native TensorFlow).
  await expect(badge).toHaveText(/^(tfjs-node-gpu|tfjs-node|fused|wasm|cpu) · /);
  await expect(badge).toHaveAttribute('title', /in use/);
  await screenshot(page, '01-runs-empty');

  // Every page opens and says what to do; earlier specs may have left label sets in the store.
  await app.goTo('Label');
  await expect(page.getByTestId('label-sets').or(page.getByTestId('label-sets-empty'))).toBeVisible();
  await expect(page).toHaveTitle('Label · Collapse Lab');
  await app.goTo('Train');
  await expect(page).toHaveTitle('Train · Collapse Lab');
  await app.goTo('Compare');
  await expect(page).toHaveTitle('Compare · Collapse Lab');
  await expect(page.getByTestId('compare-empty')).toContainText('No runs stored yet.');
  await screenshot(page, '09-compare-empty');
  await app.goTo('Runs');
});

test('the New run form validates as the CLI does, next to the field', async ({ page }) => {
  const app = new Workbench(page);
  await app.open('new-run');
  await page.getByTestId('preset-oracle-ball').click();
  await expect(page.getByTestId('preset-details')).toContainText('The ideal filter');
  await expect(app.field('Keep fraction q')).toHaveValue('0.7');

  await app.field('Replicates R').fill('-5');
  const replicates = page.getByTestId('field-replicates');
  await expect(replicates.getByTestId('field-error')).toHaveText('expected a positive integer up to 1000000, got -5');
  await expect(app.field('Replicates R')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Start run' })).toBeDisabled();

  await app.field('Replicates R').fill('50');
  await expect(replicates.getByTestId('field-error')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
  await expect(page.getByTestId('cli-command')).toHaveText('npm run --silent cli -- run --preset oracle-ball --set replicates=50');

  // Conditional fields follow the enums they depend on.
  await app.field('Filter').selectOption('none');
  await expect(app.field('Keep fraction q')).toHaveCount(0);
  await app.field('Data mode').selectOption('fresh');
  await expect(app.field('Real-data weight w')).toHaveValue('0.618');
  await app.field('Real-data weight w').fill('1.5');
  await expect(page.getByTestId('field-data.realWeight').getByTestId('field-error')).toContainText('expected a number >= 0 and <= 1, got 1.5');
  await screenshot(page, '02-new-run-form-invalid');

  await page.getByRole('button', { name: 'Reset to preset' }).click();
  await expect(app.field('Replicates R')).toHaveValue('200');
  await expect(page.getByTestId('validation-status')).toContainText('Valid:');
  await screenshot(page, '03-new-run-form');
});

test('a preset run started from the UI shows moving progress and completes', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  const name = 'oracle ball e2e';
  await app.startRun('oracle-ball', { 'Run name': name, 'Replicates R': '50', 'Generations T': '300' });
  const row = app.runRow(name);

  await expect(row).toHaveAttribute('data-status', 'running');
  await expect(row.getByTestId('run-status')).toHaveText('Running');
  // Two reads of the live progress bar, the second strictly further on.
  await expect.poll(() => app.progressOf(name), { timeout: 15_000, intervals: [50] }).toBeGreaterThan(0);
  const first = await app.progressOf(name);
  await expect.poll(() => app.progressOf(name), { timeout: 15_000, intervals: [50] }).toBeGreaterThan(first);
  await screenshot(page, '04-runs-in-progress');

  await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 45_000 });
  await expect(row.getByTestId('run-status')).toHaveText('Completed');
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '301');
  await expect(row.getByTestId('run-result')).toHaveText(/^rms error \d/);
  await screenshot(page, '05-runs-completed');
});

test('a long run can be cancelled and is stored as interrupted', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  const name = 'long run to cancel';
  await app.startRun('oracle-ball', { 'Run name': name, 'Replicates R': '200', 'Generations T': '1000000' });
  const row = app.runRow(name);
  await expect.poll(() => app.progressOf(name), { intervals: [50] }).toBeGreaterThan(0);
  await row.getByRole('button', { name: `Cancel run ${name}` }).click();
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await expect(row.getByTestId('run-status')).toHaveText('Interrupted');
  await expect(row.getByRole('button', { name: /^Cancel run/ })).toHaveCount(0);
  await screenshot(page, '06-runs-cancelled');
});

test('a run exports as CSV through a download', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  const downloading = page.waitForEvent('download');
  await app.runRow('oracle ball e2e').getByRole('button', { name: 'Export oracle ball e2e as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^oracle_ball_e2e-\w+\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(csv).toHaveLength(302);
});

test('a run is deleted only after the confirmation', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  const name = 'long run to cancel';
  const row = app.runRow(name);
  await row.getByRole('button', { name: `Delete run ${name}` }).click();

  const dialog = page.getByRole('dialog', { name: `Delete run ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await screenshot(page, '07-delete-confirmation');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Delete run ${name}` }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(app.runRow('oracle ball e2e')).toBeVisible();

  // Still gone after a reload: the store, not the page, forgot it.
  await page.reload();
  await expect(app.runRow('oracle ball e2e')).toBeVisible();
  await expect(app.runRow(name)).toHaveCount(0);
});
