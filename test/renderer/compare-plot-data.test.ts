import { describe, expect, it } from 'vitest';
import { bandColumns, bandEnvelope, buildPlotData, logSafeLine, smallestPositive } from '../../renderer/compare/plot-data';
import { columns, style } from './compare-fixtures';

const f = (...v: number[]): Float64Array => new Float64Array(v);
const NaN_ = Number.NaN;

describe('log-safe values', () => {
  it('finds the smallest strictly positive finite value', () => {
    expect(smallestPositive([f(3, 0, -1, 0.5), null, f(NaN_, Infinity, 0.25)])).toBe(0.25);
    expect(smallestPositive([f(0, -2, NaN_)])).toBeNull();
  });

  it('turns values a log axis cannot show into gaps and counts them', () => {
    const { values, hidden } = logSafeLine(f(1, 0, -2, NaN_, 3));
    expect([...values]).toEqual([1, NaN_, NaN_, NaN_, 3]);
    expect(hidden).toBe(2);
  });

  it('builds the band as lo plus a stacked width; on a log axis edges <= 0 sit on the floor', () => {
    const linear = bandColumns(f(-1, 1, NaN_), f(1, 3, 2), null);
    expect([...linear.lo]).toEqual([-1, 1, NaN_]);
    expect([...linear.width]).toEqual([2, 2, NaN_]);
    expect(linear.clamped).toBe(0);
    const log = bandColumns(f(0, 1, -1), f(2, 3, 0), 0.5);
    expect([...log.lo]).toEqual([0.5, 1, 0.5]);
    expect([...log.width]).toEqual([1.5, 2, 0]);
    expect(log.clamped).toBe(2);
  });
});

describe('bandEnvelope (the page\'s own downsampling)', () => {
  const n = 10_001;
  const x = new Float64Array(n).map((_, i) => i);
  const lo = new Float64Array(n).map((_, i) => Math.sin(i / 7) + (i % 13 === 0 ? -3 : 0));
  const hi = new Float64Array(n).map((_, i) => lo[i] + 1 + (i % 29 === 0 ? 4 : 0));

  it('leaves short bands alone', () => {
    const short = bandEnvelope(f(0, 1, 2), f(1, 2, 3), f(2, 3, 4), 10);
    expect([...short.x]).toEqual([0, 1, 2]);
    expect([...short.hi]).toEqual([2, 3, 4]);
  });

  it('keeps at most maxPoints points, from the first generation to the last', () => {
    const env = bandEnvelope(x, lo, hi, 1200);
    expect(env.x.length).toBeLessThanOrEqual(1200);
    expect(env.x.length).toBeGreaterThan(1000);
    expect(env.x[0]).toBe(0);
    expect(env.x[env.x.length - 1]).toBe(n - 1);
    for (let k = 1; k < env.x.length; k++) expect(env.x[k]).toBeGreaterThanOrEqual(env.x[k - 1]);
  });

  it('contains every original band value at its generation, spikes included', () => {
    const env = bandEnvelope(x, lo, hi, 1200);
    // The drawn band is linear between envelope points: interpolate it at every generation.
    let k = 0;
    for (let i = 0; i < n; i++) {
      while (env.x[k + 1] < i) k++;
      const span = env.x[k + 1] - env.x[k];
      const w = span === 0 ? 0 : (i - env.x[k]) / span;
      const eLo = env.lo[k] + w * (env.lo[k + 1] - env.lo[k]);
      const eHi = env.hi[k] + w * (env.hi[k + 1] - env.hi[k]);
      expect(eLo).toBeLessThanOrEqual(lo[i] + 1e-12);
      expect(eHi).toBeGreaterThanOrEqual(hi[i] - 1e-12);
    }
  });

  it('an all-missing bucket stays a gap; missing values inside a bucket are ignored', () => {
    const m = 40;
    const gx = new Float64Array(m).map((_, i) => i);
    const glo = new Float64Array(m).map((_, i) => (i < 10 ? Number.NaN : i === 25 ? Number.NaN : 1));
    const ghi = new Float64Array(m).map((_, i) => (i < 10 ? Number.NaN : 2));
    const env = bandEnvelope(gx, glo, ghi, 8);
    expect(env.lo[0]).toBeNaN();
    expect(env.hi[0]).toBeNaN();
    expect([...env.lo.slice(2)].every((v) => v === 1)).toBe(true);
  });
});

describe('buildPlotData', () => {
  const a = columns('a', [1, 2, 3]);
  const b = columns('b', [2, 4, 6]);

  it('keeps the order of the styles (baseline first) and aligns x on the generations', () => {
    const plot = buildPlotData([a, b], [style('b', 1, true), style('a', 0)], { metric: 'error', yLog: false, xLog: false, bands: true });
    expect(plot.runs.map((r) => r.id)).toEqual(['b', 'a']);
    expect(plot.runs[0].baseline).toBe(true);
    expect([...plot.runs[0].x]).toEqual([0, 1, 2]);
    expect([...plot.runs[0].line]).toEqual([2, 4, 6]);
    expect([...plot.runs[0].lo!]).toEqual([1, 3, 5]);
    expect([...plot.runs[0].bandX!]).toEqual([0, 1, 2]);
    expect([...plot.runs[0].q!.hi]).toEqual([3, 5, 7]);
    expect([...plot.runs[0].width!]).toEqual([2, 2, 2]);
    expect(plot.runs[0].theory).toBeNull();
    expect(plot.floor).toBeNull();
  });

  it('a log x axis starts at t = 1; a log y axis floors band edges at half the smallest positive value', () => {
    const plot = buildPlotData([a], [style('a')], { metric: 'error', yLog: true, xLog: true, bands: true });
    const r = plot.runs[0];
    expect([...r.x]).toEqual([1, 2]);
    expect([...r.line]).toEqual([2, 3]);
    // q25 = 1, 2 after t = 0 is cut: the smallest positive value is 1, the floor 0.5, nothing clamped.
    expect(plot.floor).toBe(0.5);
    expect(plot.clampedBandEdges).toBe(0);
    const withZero = buildPlotData([a], [style('a')], { metric: 'error', yLog: true, xLog: false, bands: true });
    // At t = 0 q25 = 0: drawn at the floor (half of the smallest positive value, 1).
    expect(withZero.runs[0].lo![0]).toBe(0.5);
    expect(withZero.clampedBandEdges).toBe(1);
  });

  it('without bands there are no band columns; MSE carries each run theory', () => {
    const plot = buildPlotData([a, b], [style('a'), style('b')], { metric: 'mse', yLog: false, xLog: false, bands: false });
    expect(plot.runs.every((r) => r.lo === null && r.width === null)).toBe(true);
    expect(plot.withTheory).toBe(2);
    expect([...plot.runs[1].theory!]).toEqual([4, 16, 36]);
  });

  it('lists runs with nothing for the metric instead of drawing them, and skips runs not loaded', () => {
    const plot = buildPlotData([a], [style('a'), style('missing')], { metric: 'testError', yLog: false, xLog: false, bands: true });
    expect(plot.runs).toEqual([]);
    expect(plot.withoutData).toEqual(['run a']);
  });

  it('counts line values a log axis hides', () => {
    const z = columns('z', [0, 1, 2]);
    const plot = buildPlotData([z], [style('z')], { metric: 'error', yLog: true, xLog: false, bands: false });
    expect(plot.hiddenNonPositive).toBe(1);
    expect(plot.runs[0].line[0]).toBeNaN();
  });
});
