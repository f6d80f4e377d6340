import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type NewSweepInput, type RunStore } from '../../main/store';
import { captureStoreError, createRunWith, sampleConfig, summaries } from './helpers';

/** Two axes, 3 x 2 points, the first varying slowest. */
function sweepInput(overrides: Partial<NewSweepInput> = {}): NewSweepInput {
  return {
    name: 'weights x seeds',
    preset: 'fresh-golden',
    base: sampleConfig(8),
    grid: [
      { path: 'data.realWeight', values: [0.2, 0.4, 0.6] },
      { path: 'seed', values: [1, 2] },
    ],
    window: [4, 9],
    ...overrides,
  };
}

describe('sweeps in the RunStore', () => {
  let store: RunStore;
  let clock: number;
  beforeEach(() => {
    clock = Date.parse('2025-03-01T00:00:00.000Z');
    store = openStore(':memory:', { hostname: 'test-host', now: () => new Date((clock += 1000)) });
  });
  afterEach(() => store.close());

  it('creates a running sweep with its base, grid and window round-tripped', () => {
    const input = sweepInput();
    const sweep = store.createSweep(input);
    expect(sweep.id).toMatch(/^[0-9a-z]{8}$/);
    expect(sweep).toEqual({
      id: sweep.id,
      name: 'weights x seeds',
      preset: 'fresh-golden',
      base: input.base,
      grid: input.grid,
      window: [4, 9],
      status: 'running',
      createdAt: '2025-03-01T00:00:01.000Z',
      finishedAt: null,
      runCount: 0,
    });
    expect(store.getSweep(sweep.id)).toEqual(sweep);
    expect(store.getSweep('nope')).toBeUndefined();
    const defaultWindow = store.createSweep(sweepInput({ window: null, preset: null }));
    expect(defaultWindow).toMatchObject({ window: null, preset: null });
  });

  it('lists sweeps newest first, with how many runs each has', () => {
    const a = store.createSweep(sweepInput({ name: 'a' }));
    const b = store.createSweep(sweepInput({ name: 'b' }));
    const run = createRunWith(store, 1, 9);
    store.setRunSweep(run.id, a.id, { 'data.realWeight': 0.4, seed: 2 });
    expect(store.listSweeps().map((s) => [s.name, s.runCount])).toEqual([
      ['b', 0],
      ['a', 1],
    ]);
    expect(b.runCount).toBe(0);
  });

  it('links runs to their points and gives them back in grid order, whatever order they were made in', () => {
    const sweep = store.createSweep(sweepInput());
    const points = [
      { 'data.realWeight': 0.6, seed: 1 },
      { 'data.realWeight': 0.2, seed: 2 },
      { 'data.realWeight': 0.2, seed: 1 },
      { 'data.realWeight': 0.4, seed: 2 },
    ];
    const runs = points.map((point) => {
      const run = createRunWith(store, 2, 9);
      store.setRunSweep(run.id, sweep.id, point);
      return { id: run.id, point };
    });
    const other = createRunWith(store, 2, 9);
    const back = store.sweepRuns(sweep.id);
    expect(back.map((r) => r.sweepPoint)).toEqual([
      { 'data.realWeight': 0.2, seed: 1 },
      { 'data.realWeight': 0.2, seed: 2 },
      { 'data.realWeight': 0.4, seed: 2 },
      { 'data.realWeight': 0.6, seed: 1 },
    ]);
    expect(back.map((r) => r.id)).toEqual([runs[2].id, runs[1].id, runs[3].id, runs[0].id]);
    expect(back.every((r) => r.sweepId === sweep.id)).toBe(true);
    expect(store.getRun(runs[0].id)).toMatchObject({ sweepId: sweep.id, sweepPoint: { 'data.realWeight': 0.6, seed: 1 } });
    expect(store.getRun(other.id)).toMatchObject({ sweepId: null, sweepPoint: null });
    expect(store.listRuns().find((r) => r.id === runs[1].id)?.sweepPoint).toEqual({ 'data.realWeight': 0.2, seed: 2 });
    expect(store.getSweep(sweep.id)?.runCount).toBe(4);
    expect(store.sweepRuns('nope')).toEqual([]);
    // Unlinking takes the run out of the sweep.
    store.setRunSweep(runs[0].id, null, null);
    expect(store.sweepRuns(sweep.id)).toHaveLength(3);
    expect(store.getRun(runs[0].id)).toMatchObject({ sweepId: null, sweepPoint: null });
  });

  it('refuses to link an unknown run, an unknown or finished sweep, or a point off the grid', () => {
    const sweep = store.createSweep(sweepInput());
    const run = createRunWith(store, 1, 9);
    expect(captureStoreError(() => store.setRunSweep('zzzzzzzz', sweep.id, { 'data.realWeight': 0.2, seed: 1 })).code).toBe('RUN_NOT_FOUND');
    expect(captureStoreError(() => store.setRunSweep(run.id, 'zzzzzzzz', { 'data.realWeight': 0.2, seed: 1 })).code).toBe('SWEEP_NOT_FOUND');
    expect(() => store.setRunSweep(run.id, sweep.id, { 'data.realWeight': 0.3, seed: 1 })).toThrow(/is not on its grid/);
    expect(() => store.setRunSweep(run.id, sweep.id, { 'data.realWeight': 0.2 })).toThrow(/is not on its grid/);
    expect(() => store.setRunSweep(run.id, null, { seed: 1 })).toThrow(/a sweep point needs a sweep/);
    store.finishSweep(sweep.id, 'completed');
    const finished = captureStoreError(() => store.setRunSweep(run.id, sweep.id, { 'data.realWeight': 0.2, seed: 1 }));
    expect(finished.code).toBe('SWEEP_FINISHED');
    expect(finished.message).toBe(`:memory:: sweep ${sweep.id} is completed; cannot add run ${run.id} to it`);
    expect(store.getRun(run.id)?.sweepId).toBeNull();
  });

  it('finishes a sweep once, with a timestamp', () => {
    const sweep = store.createSweep(sweepInput());
    store.finishSweep(sweep.id, 'interrupted');
    expect(store.getSweep(sweep.id)).toMatchObject({ status: 'interrupted', finishedAt: '2025-03-01T00:00:02.000Z' });
    expect(captureStoreError(() => store.finishSweep(sweep.id, 'completed')).code).toBe('SWEEP_FINISHED');
    expect(captureStoreError(() => store.finishSweep('zzzzzzzz', 'failed')).code).toBe('SWEEP_NOT_FOUND');
    expect(store.getSweep(sweep.id)?.status).toBe('interrupted');
  });

  it('refuses a malformed grid or window before writing anything', () => {
    const bad: Partial<NewSweepInput>[] = [
      { grid: [] },
      { grid: [{ path: 'seed', values: [] }] },
      { grid: [{ path: 'seed', values: [1, 1] }] },
      { grid: [{ path: 'seed', values: [Number.NaN] }] },
      { grid: [{ path: 'seed', values: [1] }, { path: 'seed', values: [2] }] },
      { window: [5, 5] },
      { window: [-1, 3] },
      { window: [1.5, 3] },
    ];
    for (const input of bad) expect(() => store.createSweep(sweepInput(input))).toThrow(RangeError);
    expect(() => store.createSweep(sweepInput({ base: { ...sampleConfig(), seed: Number.POSITIVE_INFINITY } }))).toThrow(/sweep base config: 'seed' is Infinity/);
    expect(store.listSweeps()).toEqual([]);
  });

  it('deleting a sweep keeps its runs and their generations, and the point each was made at', () => {
    const sweep = store.createSweep(sweepInput());
    const run = createRunWith(store, 3, 9);
    store.setRunSweep(run.id, sweep.id, { 'data.realWeight': 0.4, seed: 1 });
    expect(store.deleteSweep(sweep.id)).toBe(true);
    expect(store.deleteSweep(sweep.id)).toBe(false);
    expect(store.getSweep(sweep.id)).toBeUndefined();
    expect(store.getRun(run.id)).toMatchObject({ sweepId: null, sweepPoint: { 'data.realWeight': 0.4, seed: 1 } });
    expect(store.getGenerations(run.id)).toStrictEqual(summaries(0, 3));
    // And deleting a run leaves its sweep.
    const again = store.createSweep(sweepInput());
    store.setRunSweep(run.id, again.id, { 'data.realWeight': 0.2, seed: 2 });
    expect(store.deleteRun(run.id)).toBe(true);
    expect(store.getSweep(again.id)).toMatchObject({ runCount: 0, status: 'running' });
  });

  it('snapshot readers see the sweeps API too', () => {
    const sweep = store.createSweep(sweepInput());
    expect(store.snapshot((s) => [s.getSweep(sweep.id)?.name, s.listSweeps().length, s.sweepRuns(sweep.id).length])).toEqual(['weights x seeds', 1, 0]);
  });
});
