import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteRuns, findRuns, findRunsInMissingStore, loadSweepResults, runsToDelete, ServiceError, toSweepListEntry } from '../../main/services';
import { openStore, type RunStore } from '../../main/store';
import { createRunWith, sampleConfig } from '../store/helpers';

// Issue 13, item 4: deleting a run that a sweep made leaves the sweep consistent (its point
// reads as not run, its count drops), and item 5: the run filters refuse a value by name.

let store: RunStore;
beforeEach(() => {
  let clock = Date.parse('2025-06-01T00:00:00.000Z');
  store = openStore(':memory:', { hostname: 'test-host', now: () => new Date((clock += 1000)) });
});
afterEach(() => store.close());

function serviceError(action: () => unknown): ServiceError {
  try {
    action();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError, but nothing was thrown');
}

/** A finished 3-point sweep over seed, every point's run complete over generations 0..8. */
function finishedSweep(): { sweepId: string; runIds: string[] } {
  const sweep = store.createSweep({ name: 'seeds', preset: null, base: sampleConfig(8), grid: [{ path: 'seed', values: [1, 2, 3] }], window: [4, 9] });
  const runIds = [1, 2, 3].map((seed) => {
    const run = createRunWith(store, 9, 9);
    store.finishRun(run.id, 'completed');
    store.setRunSweep(run.id, sweep.id, { seed });
    return run.id;
  });
  store.finishSweep(sweep.id, 'completed');
  return { sweepId: sweep.id, runIds };
}

describe('deleting a run that a sweep made', () => {
  it('leaves the sweep with its other points as they were, and that point as not run', () => {
    const { sweepId, runIds } = finishedSweep();
    const before = loadSweepResults(store, sweepId);
    expect(before.points.map((p) => p.status)).toEqual(['completed', 'completed', 'completed']);

    const deleted = deleteRuns(store, [runIds[1]]);
    expect(deleted).toEqual([{ id: runIds[1], name: 'gaussian mean, replace', status: 'completed', generations: 9, sweepId, sweepPoint: { seed: 2 } }]);

    const after = loadSweepResults(store, sweepId);
    expect(after.status).toBe('completed');
    expect(after.points[1]).toMatchObject({ runId: null, status: 'not-started', mse: null });
    expect(after.points[0]).toEqual(before.points[0]);
    expect(after.points[2]).toEqual(before.points[2]);
    expect(toSweepListEntry(store.getSweep(sweepId)!)).toMatchObject({ points: 3, runs: 2 });
  });
});

describe('runsToDelete and deleteRuns refuse in one line naming every id concerned', () => {
  it('unknown ids: all named, nothing deleted', () => {
    const { runIds } = finishedSweep();
    const error = serviceError(() => deleteRuns(store, [runIds[0], 'zzzzzzzz', 'yyyyyyyy']));
    expect(error.code).toBe('RUN_NOT_FOUND');
    expect(error.message).toBe("no run 'zzzzzzzz', 'yyyyyyyy' in :memory: (see `runs`); nothing was deleted");
    expect(store.listRuns()).toHaveLength(3);
  });

  it('a running run: named, nothing deleted', () => {
    const { runIds } = finishedSweep();
    const running = createRunWith(store, 1, 5);
    const error = serviceError(() => runsToDelete(store, [runIds[0], running.id]));
    expect(error.code).toBe('RUN_RUNNING');
    expect(error.message).toBe(`run '${running.id}' is still running (another process is writing it); stop it first; nothing was deleted`);
    expect(() => deleteRuns(store, [running.id])).toThrow(ServiceError);
    expect(store.listRuns()).toHaveLength(4);
  });

  it('no id at all', () => {
    expect(serviceError(() => runsToDelete(store, [])).message).toBe('give the id of at least one run to delete (see `runs`)');
  });
});

describe('findRuns checks each filter value before listing', () => {
  it('names a bad status with the known ones, an unknown preset or sweep, a bad limit', () => {
    finishedSweep();
    expect(serviceError(() => findRuns(store, { status: 'complete' })).message).toBe(
      'status: expected one of running, completed, failed, interrupted, got "complete" (did you mean completed?)',
    );
    expect(serviceError(() => findRuns(store, { preset: 'xu-fixed' })).message).toMatch(/^preset: unknown preset 'xu-fixed' \(did you mean xu-fixed-n\?\) \(known: xu-fixed-n, /);
    expect(serviceError(() => findRuns(store, { sweepId: 'zzzzzzzz' })).message).toBe("sweep: no sweep 'zzzzzzzz' in :memory: (see `sweeps`)");
    expect(serviceError(() => findRuns(store, { limit: 0 })).message).toBe('limit: expected a positive integer, got 0');
  });

  it('accepts a preset that is not built in when stored runs carry it (imported from elsewhere)', () => {
    const { runIds } = finishedSweep();
    // sampleConfig's preset, which is no built-in preset of this version.
    expect(findRuns(store, { preset: 'shumailov-gaussian' }).map((r) => r.id).sort()).toEqual([...runIds].sort());
    expect(findRuns(store, { preset: 'xu-fixed-n' })).toEqual([]);
  });

  it('a store that does not exist yet: the same refusals, else an empty list', () => {
    expect(findRunsInMissingStore('/nowhere/x.sqlite', { preset: 'xu-fixed-n', status: 'failed', limit: 3 })).toEqual([]);
    expect(serviceError(() => findRunsInMissingStore('/nowhere/x.sqlite', { status: 'done' })).message).toMatch(/^status: expected one of /);
    expect(serviceError(() => findRunsInMissingStore('/nowhere/x.sqlite', { sweepId: 'abc' })).message).toBe("sweep: no sweep 'abc' in /nowhere/x.sqlite (see `sweeps`)");
  });
});
