import { describe, expect, it } from 'vitest';
import { detectSweeps, fromSweepDetail, storedSummary, sweepMeans, sweepRows, theoryWindowMean, windowMean, windowRange } from '../../renderer/compare/sweep';
import { columns } from './compare-fixtures';

const f = (...v: number[]): Float64Array => new Float64Array(v);

const cfg = (n0: number, over: Record<string, unknown> = {}) => ({
  name: `n0 ${n0}`,
  preset: 'xu-fixed-n',
  seed: 1,
  replicates: 4,
  model: { family: 'gaussian', dim: 2 },
  sampleSize: { schedule: 'constant', n0 },
  filter: { kind: 'none' },
  ...over,
});

describe('windows', () => {
  it('the last quarter is [T - floor(T/4), T + 1), as stored sweeps default to', () => {
    expect(windowRange(10000, 'last-quarter')).toEqual([7500, 10001]);
    expect(windowRange(200, 'last-quarter')).toEqual([150, 201]);
    expect(windowRange(7, 'last-quarter')).toEqual([6, 8]);
    expect(windowRange(10, 'last-half')).toEqual([5, 11]);
    expect(windowRange(10, 'all')).toEqual([0, 11]);
    expect(windowRange(10, 'last')).toEqual([10, 11]);
  });

  it('averages the finite values in [from, to); the theory only when every generation there has one', () => {
    const t = f(0, 1, 2, 3);
    expect(windowMean(t, f(1, 2, Number.NaN, 4), [1, 4])).toBe(3);
    expect(windowMean(t, f(1, 2, 3, 4), [5, 9])).toBeNull();
    expect(theoryWindowMean(t, f(1, 2, 3, 4), [2, 4])).toBe(3.5);
    expect(theoryWindowMean(t, f(1, 2, Number.NaN, 4), [1, 4])).toBeNull();
  });
});

describe('detectSweeps', () => {
  it('finds runs that differ in exactly one numeric field, seeds being repeats', () => {
    const runs = [
      { id: 'a', config: cfg(10) },
      { id: 'b', config: cfg(20) },
      { id: 'c', config: cfg(20, { seed: 2 }) },
      { id: 'd', config: cfg(40) },
    ];
    const sweeps = detectSweeps(runs);
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0].path).toBe('sampleSize.n0');
    expect(sweeps[0].members).toEqual([
      { runId: 'a', x: 10, seriesKey: '' },
      { runId: 'b', x: 20, seriesKey: '' },
      { runId: 'c', x: 20, seriesKey: '' },
      { runId: 'd', x: 40, seriesKey: '' },
    ]);
    expect(sweeps[0].title).toBe('sampleSize.n0: 3 values, 4 runs');
  });

  it('ignores runs that differ in two fields, and differences that are not numbers', () => {
    expect(detectSweeps([{ id: 'a', config: cfg(10) }, { id: 'b', config: cfg(20, { replicates: 8 }) }])).toEqual([]);
    expect(detectSweeps([{ id: 'a', config: cfg(10) }, { id: 'b', config: cfg(10, { filter: { kind: 'oracle' } }) }])).toEqual([]);
    expect(detectSweeps([{ id: 'a', config: cfg(10) }, { id: 'b', config: cfg(10, { seed: 9 }) }])).toEqual([]);
    expect(detectSweeps([])).toEqual([]);
  });

  it('separates groups that sweep the same field from different bases, largest first', () => {
    const oracle = { filter: { kind: 'oracle' } };
    const runs = [
      { id: 'a', config: cfg(10) },
      { id: 'b', config: cfg(20) },
      { id: 'c', config: cfg(40) },
      { id: 'o1', config: cfg(10, oracle) },
      { id: 'o2', config: cfg(20, oracle) },
    ];
    const sweeps = detectSweeps(runs);
    expect(sweeps.map((s) => s.members.map((m) => m.runId))).toEqual([['a', 'b', 'c'], ['o1', 'o2']]);
  });

  it('a field some runs lack cannot be swept across them', () => {
    const runs = [
      { id: 'a', config: cfg(10, { sampleSize: { schedule: 'power', n0: 10, power: 1.5 } }) },
      { id: 'b', config: cfg(10, { sampleSize: { schedule: 'power', n0: 10, power: 0.5 } }) },
      { id: 'c', config: cfg(10, { sampleSize: { schedule: 'power', n0: 10 } }) },
    ];
    const sweeps = detectSweeps(runs);
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0].path).toBe('sampleSize.power');
    expect(sweeps[0].members.map((m) => m.runId)).toEqual(['a', 'b']);
  });
});

describe('stored sweeps (sweeps:get)', () => {
  const point = (w: number, n0: number, runId: string | null, mse: number | null) => ({
    index: 0,
    point: { 'data.realWeight': w, 'sampleSize.n0': n0 },
    runId,
    status: runId ? ('completed' as const) : ('not-started' as const),
    window: [150, 201] as [number, number],
    mse,
    mseSe: mse === null ? null : mse / 10,
    theory: 0.5,
    testError: null,
    theoryTestError: null,
    kept: 1,
  });
  const detail = {
    sweepId: 's1',
    name: 'fresh grid',
    grid: [
      { path: 'data.realWeight', values: [0.2, 0.6] },
      { path: 'sampleSize.n0', values: [100, 1000] },
    ],
    window: null,
    points: [point(0.2, 100, 'r1', 1), point(0.2, 1000, 'r2', 2), point(0.6, 100, 'r3', 3), point(0.6, 1000, null, null)],
  };

  it('puts the first axis along x and each combination of the others on its own line, skipping points never started', () => {
    const sweep = fromSweepDetail(detail)!;
    expect(sweep.path).toBe('data.realWeight');
    expect(sweep.source).toBe('stored');
    expect(sweep.window).toBeNull();
    expect(sweep.title).toBe('stored sweep fresh grid: data.realWeight, 3 runs');
    expect(sweep.members).toEqual([
      { runId: 'r1', x: 0.2, seriesKey: 'sampleSize.n0 = 100' },
      { runId: 'r2', x: 0.2, seriesKey: 'sampleSize.n0 = 1000' },
      { runId: 'r3', x: 0.6, seriesKey: 'sampleSize.n0 = 100' },
    ]);
    expect(fromSweepDetail({ ...detail, grid: [] })).toBeNull();
  });

  it('uses the services\' summaries for the metrics they computed, and the series for the others', () => {
    const sweep = fromSweepDetail(detail)!;
    const rows = sweepRows(sweep, new Map(), 'mse', 'last-quarter');
    expect(rows.map((r) => [r.runId, r.value, r.se, r.theory, r.window])).toEqual([
      ['r1', 1, 0.1, 0.5, [150, 201]],
      ['r2', 2, 0.2, 0.5, [150, 201]],
      ['r3', 3, 0.3, 0.5, [150, 201]],
    ]);
    expect(storedSummary(detail.points[0], 'kept')).toEqual({ value: 1, theory: null, se: null });
    expect(storedSummary(detail.points[0], 'error')).toBeNull();
    // The median is not summarised by the services: read from the loaded series, over the point's window.
    const r1 = columns('r1', Array.from({ length: 201 }, (_, t) => (t >= 150 ? 2 : 100)));
    const median = sweepRows(sweep, new Map([['r1', r1]]), 'error', 'all');
    expect(median).toEqual([{ runId: 'r1', x: 0.2, seriesKey: 'sampleSize.n0 = 100', value: 2, theory: null, se: null, window: [150, 201] }]);
  });
});

describe('sweepRows and sweepMeans', () => {
  // errors 1..4 at t = 0..3: MSE line 1, 4, 9, 16; theory e^2 too.
  const runs = new Map([
    ['a', columns('a', [1, 2, 3, 4])],
    ['b', columns('b', [2, 2, 2, 2])],
    ['c', columns('c', [4, 4, 4, 4], {}, () => ({ theory: { errorMeanSq: null, testError: null } }))],
  ]);
  const sweep = {
    path: 'p',
    title: 'p',
    source: 'detected' as const,
    window: null,
    members: [
      { runId: 'a', x: 1, seriesKey: '' },
      { runId: 'b', x: 1, seriesKey: '' },
      { runId: 'c', x: 2, seriesKey: '' },
      { runId: 'gone', x: 3, seriesKey: '' },
    ],
  };

  it('summarises each loaded run over its window, with the theory over the same generations', () => {
    const rows = sweepRows(sweep, runs, 'mse', 'last-half');
    // T = 3: last half is [2, 4).
    expect(rows).toEqual([
      { runId: 'a', x: 1, seriesKey: '', value: 12.5, theory: 12.5, se: null, window: [2, 4] },
      { runId: 'b', x: 1, seriesKey: '', value: 4, theory: 4, se: null, window: [2, 4] },
      { runId: 'c', x: 2, seriesKey: '', value: 16, theory: null, se: null, window: [2, 4] },
    ]);
    const stored = sweepRows({ ...sweep, window: [0, 1] }, runs, 'error', 'last-half');
    expect(stored.map((r) => r.value)).toEqual([1, 2, 4]);
    expect(stored.every((r) => r.theory === null)).toBe(true);
  });

  it('means per swept value; the theory mean only where every run there has one', () => {
    const means = sweepMeans(sweepRows(sweep, runs, 'mse', 'last-half'));
    expect(means).toEqual([
      {
        seriesKey: '',
        points: [
          { x: 1, value: 8.25, theory: 8.25, n: 2 },
          { x: 2, value: 16, theory: null, n: 1 },
        ],
      },
    ]);
  });
});
