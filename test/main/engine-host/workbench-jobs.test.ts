import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTf } from '../../../main/engine-host';
import { Workbench, workerSimulator } from '../../../main/services';
import { openStore, type RunStore } from '../../../main/store';

// Runs started through the services execute on real worker threads (the block worker the app
// and the browser mode use) and report through events; the store records how each one ended.
const open: { store: RunStore; wb: Workbench }[] = [];
function setup(factory?: () => Worker): { store: RunStore; wb: Workbench } {
  const store = openStore(':memory:');
  const wb = new Workbench({ store, loadTf: () => loadTf({ prefer: 'cpu' }), simulatorFor: () => workerSimulator(2, factory), threads: 2, progressIntervalMs: 0 });
  open.push({ store, wb });
  return { store, wb };
}
afterEach(async () => {
  for (const { store, wb } of open.splice(0)) {
    await wb.shutdown();
    store.close();
  }
});

function finished(wb: Workbench, runId: string): Promise<{ status: string; message: string | null }> {
  return new Promise((resolve) => {
    const off = wb.events.on('run:finished', (p) => {
      if (p.runId === runId) {
        off();
        resolve(p);
      }
    });
  });
}

describe('engine jobs on worker threads', () => {
  it('progress events arrive in order and the run completes with every generation stored', async () => {
    const { store, wb } = setup();
    const done: number[] = [];
    wb.events.on('run:progress', (p) => done.push(p.done));
    const { runId } = await wb.handlers['runs:start']({ preset: 'oracle-ball', overrides: ['replicates=8', 'generations=60', 'sampleSize.n0=300'] });
    const end = await finished(wb, runId);
    expect(end.status).toBe('completed');
    expect(done.length).toBeGreaterThan(1);
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThan(done[i - 1]);
    expect(done[done.length - 1]).toBe(61);
    expect(store.getRun(runId)).toMatchObject({ status: 'completed', generationsDone: 61 });
  });

  it('cancel stops a run within one generation and stores it as interrupted', async () => {
    const { store, wb } = setup();
    let cancelledAt = -1;
    let lastSeen = -1;
    const { runId } = await wb.handlers['runs:start']({ preset: 'xu-fixed-n', overrides: ['replicates=4', 'generations=1000000'] });
    const end = finished(wb, runId);
    await new Promise<void>((resolve) => {
      const off = wb.events.on('run:progress', (p) => {
        lastSeen = p.done;
        if (cancelledAt < 0 && p.done >= 5) {
          cancelledAt = p.done;
          off();
          void Promise.resolve(wb.handlers['runs:cancel']({ id: runId })).then(() => resolve());
        }
      });
    });
    const result = await end;
    expect(result.status).toBe('interrupted');
    const run = store.getRun(runId)!;
    expect(run.status).toBe('interrupted');
    // Progress events are throttled to none here, so the run had reported `cancelledAt`
    // generations; at most the generation being merged when the cancel landed follows it.
    expect(run.generationsDone).toBeGreaterThanOrEqual(cancelledAt);
    expect(run.generationsDone).toBeLessThanOrEqual(cancelledAt + 1);
    expect(store.getGenerations(runId)).toHaveLength(run.generationsDone);
    expect(lastSeen).toBe(cancelledAt);
  });

  it('a worker that throws marks its run failed with the reason, and the host runs the next one', async () => {
    const crashing = () => new Worker(new URL('./fixtures/crashing-worker.mjs', import.meta.url));
    const { store, wb } = setup(crashing);
    const { runId } = await wb.handlers['runs:start']({ preset: 'xu-fixed-n', overrides: ['replicates=4', 'generations=10'] });
    const end = await finished(wb, runId);
    expect(end.status).toBe('failed');
    expect(store.getRun(runId)).toMatchObject({ status: 'failed' });
    expect(store.getRun(runId)!.error).toMatch(/worker crashed: simulated native crash/);

    const healthy = setup();
    const next = await healthy.wb.handlers['runs:start']({ preset: 'xu-fixed-n', overrides: ['replicates=4', 'generations=10'] });
    expect((await finished(healthy.wb, next.runId)).status).toBe('completed');
  });

  it('an engine failure inside a worker is stored as failed, naming the generation', async () => {
    const { store, wb } = setup();
    const { runId } = await wb.handlers['runs:start']({ preset: 'variance-collapse', overrides: ['replicates=4', 'generations=5000', 'sampleSize.n0=3'] });
    const end = await finished(wb, runId);
    expect(end.status).toBe('failed');
    expect(end.message).toMatch(/^generation \d+: replicate \d+: the fitted covariance is no longer positive definite/);
    const run = store.getRun(runId)!;
    expect(store.getGenerations(runId)).toHaveLength(run.generationsDone);
  });
});
