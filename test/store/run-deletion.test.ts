import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type RunRecord, type RunStore } from '../../main/store';
import { SQL } from '../../main/store/queries';
import { captureStoreError, createRunWith, labelSetInput, newRunInput, sampleConfig } from './helpers';

// Issue 13, items 4 and 5: deleting runs all or nothing, and the filtered run listing.

let store: RunStore;
let clock: number;
beforeEach(() => {
  clock = Date.parse('2025-05-01T00:00:00.000Z');
  store = openStore(':memory:', { hostname: 'test-host', now: () => new Date((clock += 1000)) });
});
afterEach(() => store.close());

/** A completed run of `generations` + 1 generations (createRunWith leaves it running). */
function completedRun(preset = 'xu-fixed-n', generations = 4): RunRecord {
  const run = createRunWith(store, generations + 1, generations + 1);
  store.finishRun(run.id, 'completed');
  store.connection.prepare('UPDATE runs SET preset = ? WHERE id = ?').run(preset, run.id);
  return store.getRun(run.id)!;
}

const generationRows = (id: string): number =>
  (store.connection.prepare('SELECT count(*) AS n FROM generations WHERE run_id = ?').get(id) as { n: number }).n;

describe('deleteRuns', () => {
  it('deletes every run given with its generations, in one go, and leaves the others', () => {
    const [a, b, keep] = [completedRun(), completedRun(), completedRun()];
    expect(generationRows(a.id)).toBe(5);
    const deleted = store.deleteRuns([a.id, b.id, a.id]);
    expect(deleted.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(deleted[0]).toMatchObject({ status: 'completed', generationsDone: 5 });
    expect(store.getRun(a.id)).toBeUndefined();
    expect(store.getRun(b.id)).toBeUndefined();
    expect(generationRows(a.id) + generationRows(b.id)).toBe(0);
    expect(store.listRuns().map((r) => r.id)).toEqual([keep.id]);
    expect(generationRows(keep.id)).toBe(5);
  });

  it('refuses unknown ids, naming all of them, and deletes nothing', () => {
    const a = completedRun();
    const error = captureStoreError(() => store.deleteRuns([a.id, 'zzzzzzzz', 'yyyyyyyy']));
    expect(error.code).toBe('RUN_NOT_FOUND');
    expect(error.message).toBe(':memory:: no runs with ids zzzzzzzz and yyyyyyyy');
    expect(store.getRun(a.id)).toBeDefined();
    expect(generationRows(a.id)).toBe(5);
  });

  it('refuses a run that is still running, naming it, and deletes nothing', () => {
    const done = completedRun();
    const running = createRunWith(store, 2, 5);
    const error = captureStoreError(() => store.deleteRuns([done.id, running.id]));
    expect(error.code).toBe('RUN_RUNNING');
    expect(error.message).toBe(`:memory:: run ${running.id} is still running (another process is writing it); stop it first`);
    expect(store.listRuns()).toHaveLength(2);
  });

  it('keeps the filter, label set and sweep a run refers to: other runs may use them', () => {
    const set = store.createLabelSet(labelSetInput());
    const filter = store.createFilter({ name: 'f', labelSetId: set.id, settings: {}, backend: 'cpu' });
    const sweep = store.createSweep({ name: 's', preset: null, base: sampleConfig(4), grid: [{ path: 'seed', values: [1, 2] }], window: null });
    const [a, b] = [completedRun(), completedRun()];
    store.setRunFilter(a.id, filter.id);
    store.setRunSweep(a.id, sweep.id, { seed: 1 });
    store.setRunSweep(b.id, sweep.id, { seed: 2 });
    store.deleteRuns([a.id]);
    expect(store.getFilter(filter.id)).toBeDefined();
    expect(store.getLabelSet(set.id)).toBeDefined();
    // The sweep's run count comes from the runs themselves: one fewer, no stale counter.
    expect(store.getSweep(sweep.id)?.runCount).toBe(1);
    expect(store.sweepRuns(sweep.id).map((r) => r.id)).toEqual([b.id]);
  });
});

describe('findRuns', () => {
  it('narrows the newest-first listing by preset, status, sweep and limit, alone or together', () => {
    const a = completedRun('xu-fixed-n');
    const b = completedRun('fresh-golden');
    const c = createRunWith(store, 1, 5);
    store.finishRun(c.id, 'failed', 'boom');
    const d = completedRun('fresh-golden');
    const sweep = store.createSweep({ name: 's', preset: null, base: sampleConfig(4), grid: [{ path: 'seed', values: [1, 2] }], window: null });
    store.setRunSweep(b.id, sweep.id, { seed: 1 });
    const ids = (runs: RunRecord[]): string[] => runs.map((r) => r.id);

    expect(ids(store.findRuns({}))).toEqual(ids(store.listRuns()));
    expect(ids(store.findRuns({ preset: 'fresh-golden' }))).toEqual([d.id, b.id]);
    expect(ids(store.findRuns({ status: 'failed' }))).toEqual([c.id]);
    expect(ids(store.findRuns({ sweepId: sweep.id }))).toEqual([b.id]);
    expect(ids(store.findRuns({ limit: 2 }))).toEqual([d.id, c.id]);
    expect(ids(store.findRuns({ preset: 'fresh-golden', status: 'completed', limit: 1 }))).toEqual([d.id]);
    expect(ids(store.findRuns({ preset: 'xu-fixed-n', sweepId: sweep.id }))).toEqual([]);
    expect(ids(store.findRuns({ preset: 'xu-fixed-n' }))).toEqual([a.id]);
  });

  it('walks the created_at index (no sort of the table), stopping at the limit', () => {
    const plan = store.connection
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${SQL.findRuns}`)
      .all({ preset: null, status: null, sweepId: null, limit: 5 })
      .map((r) => r.detail);
    expect(plan[0]).toBe('SCAN runs USING INDEX runs_created_at');
  });

  it('finds nothing but throws nothing for values no run has', () => {
    store.createRun(newRunInput());
    expect(store.findRuns({ preset: 'no-such', sweepId: 'zzzzzzzz' })).toEqual([]);
  });
});
