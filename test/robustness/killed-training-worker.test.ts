/**
 * Issue 8, item 1, the engine host's side: the worker thread training a filter dies mid-training
 * (terminated from outside, the closest a thread gets to SIGKILL: no handler of its own runs).
 * The host must survive it, store the filter as `failed` with the reason and the epochs already
 * written, leave every other row of the store byte for byte as it was, pass integrity_check,
 * and train the next filter on a fresh worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceWorkerFactory, workerTrainer } from '../../main/engine-host';
import { loadTf } from '../../main/engine-host';
import { Workbench, workerSimulator } from '../../main/services';
import { openStore } from '../../main/store';
import { checkIntegrity, dumpStore } from './store-dump';

const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-killed-training-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a training worker that dies mid-training', () => {
  it('fails that filter with its epochs kept, leaves everything else intact, and the next training runs', async () => {
    const file = join(dir, 'store.sqlite');
    const store = openStore(file);
    const workers: Worker[] = [];
    const trainer = workerTrainer({
      // The fused kernels: the fastest step of the chain and the one this machine picks.
      prefer: 'fused',
      backend: async () => 'fused',
      factory: () => {
        const w = sourceWorkerFactory();
        workers.push(w);
        return w;
      },
    });
    const wb = new Workbench({ store, loadTf: () => loadTf({ prefer: 'fused' }), simulatorFor: () => workerSimulator(0), threads: 1, progressIntervalMs: 0, trainer });
    try {
      const labels = await wb.handlers['labels:create']({ request: { preset: 'filter-constant-n', overrides: ['filter.labels.generations=6', 'filter.labels.candidates=200'] }, kind: 'machine', name: 'kept' });
      const before = dumpStore(file);

      const finished = new Promise<{ filterId: string; status: string; message: string | null }>((resolve) => {
        const off = wb.events.on('training:finished', (p) => {
          off();
          resolve(p);
        });
      });
      let epochsSeen = 0;
      const killedAfter = 3;
      wb.events.on('training:epoch', () => {
        epochsSeen++;
        if (epochsSeen === killedAfter) void workers[0].terminate();
      });
      // Enough epochs that the kill lands long before the end (patience off).
      const { filterId } = await wb.handlers['filters:train']({ labelSetId: labels.id, name: 'doomed', overrides: ['filter.training.epochs=100000', 'filter.training.patience=0'] });
      const end = await finished;

      expect(end).toMatchObject({ filterId, status: 'failed' });
      expect(end.message).toMatch(/training worker exited with code \d+ before it finished/);
      const info = (await wb.handlers['filters:list'](undefined)).find((f) => f.id === filterId)!;
      expect(info).toMatchObject({ status: 'failed', labelSetId: labels.id });
      const history = await wb.handlers['filters:history']({ filterId });
      // Epochs reported before the kill are stored, in order, complete.
      expect(history.length).toBeGreaterThanOrEqual(killedAfter);
      expect(history.map((e) => e.epoch)).toEqual(history.map((_, i) => i + 1));

      // Only the new filter and its epochs were added: every row that existed is unchanged.
      const after = dumpStore(file);
      for (const [table, rows] of Object.entries(before)) {
        for (const row of rows) expect(after[table], `${table} lost or changed a row`).toContain(row);
      }
      expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });

      // The host carries on: the next training gets a fresh worker and completes.
      const next = new Promise<{ status: string }>((resolve) => {
        const off = wb.events.on('training:finished', (p) => {
          off();
          resolve(p);
        });
      });
      await wb.handlers['filters:train']({ labelSetId: labels.id, name: 'survivor', overrides: ['filter.training.epochs=3'] });
      expect((await next).status).toBe('ready');
      expect(workers.length).toBe(2);
    } finally {
      await wb.shutdown();
      store.close();
    }
  });
});
