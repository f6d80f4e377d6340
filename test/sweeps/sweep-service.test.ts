import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulationFailure, type RunConfig } from '../../engine/index';
import {
  inThreadSimulator,
  loadSweepResults,
  prepareSweep,
  runSweep,
  ServiceError,
  summarisePoint,
  type Simulator,
  type SweepPointResult,
  type SweepRequest,
} from '../../main/services';
import { openStore, type RunStore } from '../../main/store';

/** fresh-golden, small: R = 20, T = 40, so a point takes milliseconds. */
function request(grid: SweepRequest['grid'], extra: Partial<SweepRequest> = {}): SweepRequest {
  return { preset: 'fresh-golden', overrides: ['replicates=20', 'generations=40'], grid, ...extra };
}

const WEIGHTS = { path: 'data.realWeight', values: [0.3, 0.5, 0.7] };

/** What the store holds, to show that a refused sweep wrote nothing. */
function contents(store: RunStore): { runs: number; sweeps: number } {
  return { runs: store.listRuns().length, sweeps: store.listSweeps().length };
}

function serviceError(action: () => unknown): ServiceError {
  try {
    action();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

describe('runSweep', () => {
  let store: RunStore;
  beforeEach(() => {
    store = openStore(':memory:', { hostname: 'test-host' });
  });
  afterEach(() => store.close());

  it('runs one stored run per point, in grid order, linked to the sweep, and summarises each over the window', async () => {
    const seen: SweepPointResult[] = [];
    const results = await runSweep(store, request([WEIGHTS], { window: [20, 41] }), { onPoint: (r, total) => (expect(total).toBe(3), seen.push(r)) });
    expect(results.status).toBe('completed');
    expect(results.points.map((p) => [p.index, p.point, p.status])).toEqual([
      [0, { 'data.realWeight': 0.3 }, 'completed'],
      [1, { 'data.realWeight': 0.5 }, 'completed'],
      [2, { 'data.realWeight': 0.7 }, 'completed'],
    ]);
    expect(seen).toEqual(results.points);
    const sweep = store.getSweep(results.sweepId)!;
    expect(sweep).toMatchObject({ status: 'completed', preset: 'fresh-golden', window: [20, 41], grid: [WEIGHTS], runCount: 3, name: 'fresh-golden: data.realWeight=0.3,0.5,0.7' });
    expect(sweep.base.data.realWeight).toBe(0.618);
    expect(sweep.base.replicates).toBe(20);

    const runs = store.sweepRuns(results.sweepId);
    expect(runs.map((r) => r.id)).toEqual(results.points.map((p) => p.runId));
    runs.forEach((run, i) => {
      expect(run.sweepPoint).toEqual(results.points[i].point);
      expect(run.config.data.realWeight).toBe(WEIGHTS.values[i]);
      expect(run.config.seed).toBe(1);
      expect(run.name).toBe(`fresh-golden [data.realWeight=${WEIGHTS.values[i]}]`);
      expect(run.status).toBe('completed');
    });

    // mse is the mean over t in [20, 41) of error.rms^2; theory the mean of theory.errorMeanSq.
    const p = results.points[1];
    const window = store.getGenerations(p.runId!).filter((g) => g.t >= 20);
    expect(window).toHaveLength(21);
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    expect(p.mse).toBeCloseTo(mean(window.map((g) => g.error.rms ** 2)), 15);
    expect(p.theory).toBeCloseTo(mean(window.map((g) => g.theory.errorMeanSq!)), 15);
    expect(p.kept).toBe(1);
    expect(p.mseSe).toBeGreaterThan(0);
    expect(p.testError).toBeNull();
    expect(p.window).toEqual([20, 41]);
    // The lowest mse of the three, and no vertex for fewer than 5 points.
    const lowest = results.points.reduce((a, b) => (b.mse! < a.mse! ? b : a));
    expect(results.best).toEqual({ index: lowest.index, point: lowest.point, runId: lowest.runId, mse: lowest.mse, mseSe: lowest.mseSe });
    expect(results.vertex).toBeNull();
    // What is stored reads back the same.
    expect(loadSweepResults(store, results.sweepId)).toEqual(results);
  });

  it('draws common random numbers at every point: one seed, so generation 0 is the same everywhere', async () => {
    // t = 0 fits real data only, which no weight touches: the points see identical numbers.
    const results = await runSweep(store, request([WEIGHTS]));
    const first = results.points.map((p) => store.getGenerations(p.runId!)[0].error);
    expect(first[1]).toEqual(first[0]);
    expect(first[2]).toEqual(first[0]);
    // Later generations differ only through the weight.
    expect(store.getGenerations(results.points[1].runId!)[40].error.rms).not.toBe(store.getGenerations(results.points[0].runId!)[40].error.rms);
  });

  it("defaults to each run's last quarter, also when generations itself is swept", async () => {
    const results = await runSweep(store, request([{ path: 'generations', values: [20, 40] }]));
    expect(results.window).toBeNull();
    expect(results.points.map((p) => p.window)).toEqual([
      [15, 21],
      [30, 41],
    ]);
    expect(results.points.every((p) => p.mse !== null)).toBe(true);
  });

  it('runs a product grid with the first axis slowest, and fits no parabola to it', async () => {
    const results = await runSweep(store, request([{ path: 'data.realWeight', values: [0.4, 0.6] }, { path: 'sampleSize.n0', values: [50, 100, 200] }]));
    expect(results.points.map((p) => p.point)).toEqual([
      { 'data.realWeight': 0.4, 'sampleSize.n0': 50 },
      { 'data.realWeight': 0.4, 'sampleSize.n0': 100 },
      { 'data.realWeight': 0.4, 'sampleSize.n0': 200 },
      { 'data.realWeight': 0.6, 'sampleSize.n0': 50 },
      { 'data.realWeight': 0.6, 'sampleSize.n0': 100 },
      { 'data.realWeight': 0.6, 'sampleSize.n0': 200 },
    ]);
    expect(store.sweepRuns(results.sweepId).map((r) => [r.config.data.realWeight, r.config.sampleSize.n0])).toEqual(
      results.points.map((p) => [p.point['data.realWeight'], p.point['sampleSize.n0']]),
    );
    expect(results.vertex).toBeNull();
    expect(results.best).not.toBeNull();
  });

  it('fits no parabola when the lowest mse is at the edge of the grid', async () => {
    const results = await runSweep(store, request([{ path: 'data.realWeight', values: [0.1, 0.15, 0.2, 0.25, 0.3] }]));
    expect(results.best?.point).toEqual({ 'data.realWeight': 0.3 });
    expect(results.vertex).toBeNull();
  });

  it('fits the parabola vertex on a 1-D grid of 5 points or more', async () => {
    const results = await runSweep(store, request([{ path: 'data.realWeight', values: [0.3, 0.45, 0.6, 0.75, 0.9] }], { overrides: ['replicates=50', 'generations=60'] }));
    expect(results.vertex).not.toBeNull();
    expect(results.vertex!.path).toBe('data.realWeight');
    expect(results.vertex!.fitted).toEqual([0.3, 0.45, 0.6, 0.75, 0.9]);
    expect(results.vertex!.value).toBeGreaterThan(0.45);
    expect(results.vertex!.value).toBeLessThan(0.8);
  });

  it('refuses a bad point before writing anything, naming the point and the field', async () => {
    const bad = request([{ path: 'data.realWeight', values: [0.5, 1.5] }]);
    const error = serviceError(() => prepareSweep(bad));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe('grid point data.realWeight=1.5: data.realWeight: expected a number >= 0 and <= 1, got 1.5');
    await expect(runSweep(store, bad)).rejects.toThrow(error.message);
    // A point that breaks a rule across fields, in a product grid.
    const cross = request([{ path: 'model.dim', values: [1, 2] }, { path: 'sampleSize.n0', values: [2, 10] }], { preset: 'variance-collapse' });
    await expect(runSweep(store, cross)).rejects.toThrow(/^grid point model\.dim=2, sampleSize\.n0=2: sampleSize\.n0: a fitted 2x2 covariance needs at least 3 samples, got 2 \(and 1 more\)$/);
    expect(contents(store)).toEqual({ runs: 0, sweeps: 0 });
  });

  it('refuses a window past any point, a bad base config, a bad grid and an unknown filter.id, writing nothing', async () => {
    await expect(runSweep(store, request([{ path: 'generations', values: [50, 30] }], { overrides: ['replicates=20'], window: [30, 45] }))).rejects.toThrow(
      '--window 30:45: the run at grid point generations=30 has generations 0..30, so TO can be at most 31',
    );
    await expect(runSweep(store, request([WEIGHTS], { window: [10, 10] }))).rejects.toThrow('--window 10:10: expected generations FROM:TO with 0 <= FROM < TO');
    await expect(runSweep(store, request([WEIGHTS], { overrides: ['replicates=0'] }))).rejects.toThrow('replicates: expected a positive integer up to 1000000, got 0');
    await expect(runSweep(store, request([{ path: 'data.mode', values: [1] }]))).rejects.toThrow(/^--grid data\.mode=1: data\.mode is not numeric/);
    await expect(runSweep(store, request([]))).rejects.toThrow('grid: give at least one axis');
    const neural = { preset: 'filter-constant-n', overrides: ['filter.id=zzzzzzzz'], grid: [{ path: 'data.realWeight', values: [0.2] }] };
    await expect(runSweep(store, neural)).rejects.toThrow("grid point data.realWeight=0.2: filter.id: no filter 'zzzzzzzz' in :memory: (see `filters`)");
    expect(contents(store)).toEqual({ runs: 0, sweeps: 0 });
  });

  it('stores a failing point as failed, goes on with the rest, and ends the sweep failed', async () => {
    // A simulator that fails at the middle weight after 5 generations.
    const failing: (config: Readonly<RunConfig>) => Simulator = (config) => async (cfg, options) => {
      if (config.data.realWeight !== 0.5) return inThreadSimulator(cfg, options);
      await inThreadSimulator({ ...cfg, generations: 4 }, options);
      throw new SimulationFailure(5, 'the model overflowed');
    };
    const results = await runSweep(store, request([WEIGHTS]), { simulatorFor: failing });
    expect(results.status).toBe('failed');
    expect(results.points.map((p) => p.status)).toEqual(['completed', 'failed', 'completed']);
    const failed = results.points[1];
    expect(failed).toMatchObject({ mse: null, mseSe: null, theory: null, kept: null });
    expect(store.getRun(failed.runId!)).toMatchObject({ status: 'failed', error: 'generation 5: the model overflowed', generationsDone: 5 });
    expect(results.best?.index).not.toBe(1);
    expect(store.getSweep(results.sweepId)?.status).toBe('failed');
  });

  it('on cancel stores the current run interrupted, starts no further point and ends the sweep interrupted', async () => {
    const controller = new AbortController();
    const results = await runSweep(store, request([WEIGHTS]), {
      signal: controller.signal,
      onRunProgress: (p, at) => {
        if (at.index === 1 && p.done === 10) controller.abort();
      },
    });
    expect(results.status).toBe('interrupted');
    expect(results.points.map((p) => p.status)).toEqual(['completed', 'interrupted', 'not-started']);
    expect(results.points[2]).toMatchObject({ runId: null, mse: null, window: [30, 41] });
    expect(store.getRun(results.points[1].runId!)?.status).toBe('interrupted');
    expect(store.sweepRuns(results.sweepId)).toHaveLength(2);
    expect(store.listRuns()).toHaveLength(2);
    expect(store.getSweep(results.sweepId)).toMatchObject({ status: 'interrupted', runCount: 2 });
  });

  it('a sweep cancelled before it starts is stored interrupted with no run', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = '';
    const results = await runSweep(store, request([WEIGHTS]), { signal: controller.signal, onStarted: (s) => (started = s.id) });
    expect(started).toBe(results.sweepId);
    expect(results.status).toBe('interrupted');
    expect(results.points.every((p) => p.status === 'not-started')).toBe(true);
    expect(results.best).toBeNull();
    expect(contents(store)).toEqual({ runs: 0, sweeps: 1 });
  });
});

describe('summarisePoint', () => {
  it('summarises regression runs with their test error and its theory', async () => {
    const store = openStore(':memory:', { hostname: 'test-host' });
    try {
      const results = await runSweep(store, {
        preset: 'ridge-collapse',
        overrides: ['model.dim=20', 'sampleSize.n0=60', 'replicates=10', 'generations=12'],
        grid: [{ path: 'model.syntheticNoise', values: [0.1, 0.2] }],
        window: [4, 13],
      });
      for (const p of results.points) {
        expect(p.testError).not.toBeNull();
        expect(p.testErrorSe).not.toBeNull();
        expect(p.theoryTestError).not.toBeNull();
      }
      // More synthetic noise, more test error, in the simulation and in its theory.
      expect(results.points[1].theoryTestError!).toBeGreaterThan(results.points[0].theoryTestError!);
      expect(results.points[1].testError!).toBeGreaterThan(results.points[0].testError!);
    } finally {
      store.close();
    }
  });

  it('gives nothing for a window the run did not store in full', () => {
    expect(summarisePoint([], [0, 3])).toEqual({ mse: null, mseSe: null, mseTau: null, theory: null, testError: null, testErrorSe: null, theoryTestError: null, kept: null });
  });
});
