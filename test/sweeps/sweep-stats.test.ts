import { describe, expect, it } from 'vitest';
import { applyOverrides, findPreset, freshStationaryVariance, presetConfig, resolveConfig, runSimulation } from '../../engine/index';
import { MIN_SE_VALUES } from '../../common/sweep-stats';
import { parabolaVertex, windowMean } from '../../main/services';

/** A seeded uniform generator (mulberry32), so these tests draw the same numbers every time. */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(seed: number): () => number {
  const u = uniforms(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** x_t = rho x_{t-1} + e_t, started in its stationary law (variance 1). */
function ar1(n: number, rho: number, next: () => number): number[] {
  const out: number[] = [];
  let x = next();
  for (let t = 0; t < n; t++) {
    out.push(x);
    x = rho * x + Math.sqrt(1 - rho * rho) * next();
  }
  return out;
}

const rms = (a: readonly number[]): number => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);

function naiveSe(values: readonly number[]): number {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1) / n);
}

describe('windowMean', () => {
  it('gives the mean, and no SE for a window too short to judge its autocorrelation', () => {
    expect(windowMean([2])).toEqual({ mean: 2, se: null, tau: null });
    expect(windowMean([1, 2, 3, 4, 5, 6, 7])).toEqual({ mean: 4, se: null, tau: null });
    expect(MIN_SE_VALUES).toBe(8);
    expect(windowMean(Array(10).fill(0.25))).toEqual({ mean: 0.25, se: 0, tau: 1 });
    expect(() => windowMean([])).toThrow(RangeError);
  });

  it('matches the naive SE for independent values and grows with positive autocorrelation', () => {
    const white = Array.from({ length: 4000 }, normals(1));
    const w = windowMean(white);
    expect(w.se! / naiveSe(white)).toBeGreaterThan(0.9);
    expect(w.se! / naiveSe(white)).toBeLessThan(1.15);
    expect(w.tau!).toBeCloseTo(1, 0);
    // AR(1) with rho = 0.8: tau = (1 + rho) / (1 - rho) = 9.
    const red = ar1(4000, 0.8, normals(2));
    const r = windowMean(red);
    expect(r.tau!).toBeGreaterThan(7);
    expect(r.tau!).toBeLessThan(11);
    expect(r.se! / naiveSe(red)).toBeGreaterThan(2.6);
  });

  it('is calibrated on short autocorrelated windows: the spread of the means matches the SEs', () => {
    // 2000 windows of 50 values, as a sweep's window [150, 200): (mean - 0) / se should have
    // an rms near 1. The naive SE is off by about sqrt(tau).
    for (const [rho, lo, hi, naiveAbove] of [
      [0.38, 0.9, 1.15, 1.2],
      [0.64, 0.9, 1.25, 1.6],
    ] as const) {
      const next = normals(Math.round(rho * 100));
      const z: number[] = [];
      const zNaive: number[] = [];
      for (let k = 0; k < 2000; k++) {
        const y = ar1(50, rho, next);
        const { mean, se } = windowMean(y);
        z.push(mean / se!);
        zNaive.push(mean / naiveSe(y));
      }
      expect(rms(z), `rho ${rho}`).toBeGreaterThan(lo);
      expect(rms(z), `rho ${rho}`).toBeLessThan(hi);
      expect(rms(zNaive), `rho ${rho}`).toBeGreaterThan(naiveAbove);
    }
  });

  it('is calibrated on fresh-golden itself, across seeds, where the naive SE is not', async () => {
    // The engine's own per-generation series (error.rms^2, each an average over R replicates):
    // 100 seeds at w = 0.62 (tau ~ 1.3) and w = 0.2 (tau ~ 4.6), each window compared with the
    // exact stationary 2 V(w). R = 20 and T = 120 keep it to a few seconds; the window is long
    // past the transient ((1 - w)^140 < 1e-13).
    for (const [w, hi] of [
      [0.62, 1.3],
      [0.2, 1.35],
    ] as const) {
      const theory = 2 * freshStationaryVariance(w, 100, 100);
      const z: number[] = [];
      const zNaive: number[] = [];
      for (let seed = 1; seed <= 100; seed++) {
        const config = resolveConfig(applyOverrides(presetConfig(findPreset('fresh-golden')!), [`data.realWeight=${w}`, `seed=${seed}`, 'replicates=20', 'generations=120']));
        const y: number[] = [];
        await runSimulation(config, { onGeneration: (g) => void (g.t >= 70 && g.t < 120 && y.push(g.error.rms ** 2)) });
        const { mean, se } = windowMean(y);
        z.push((mean - theory) / se!);
        zNaive.push((mean - theory) / naiveSe(y));
      }
      expect(rms(z), `w ${w}`).toBeGreaterThan(0.8);
      expect(rms(z), `w ${w}`).toBeLessThan(hi);
      if (w === 0.2) expect(rms(zNaive)).toBeGreaterThan(1.8);
    }
  });
});

describe('parabolaVertex', () => {
  it('finds the vertex of an exact parabola, wherever its points are', () => {
    const xs = [0.56, 0.58, 0.6, 0.62, 0.64, 0.66, 0.68];
    const fit = parabolaVertex(xs, xs.map((x) => 3 * (x - 0.6173) ** 2 + 0.0124))!;
    expect(fit.x).toBeCloseTo(0.6173, 10);
    expect(fit.y).toBeCloseTo(0.0124, 12);
    const far = [1000, 1001, 1002, 1003, 1004];
    expect(parabolaVertex(far, far.map((x) => (x - 1002.5) ** 2))!.x).toBeCloseTo(1002.5, 8);
  });

  it('smooths noise by least squares', () => {
    const next = normals(5);
    const xs = [0.56, 0.58, 0.6, 0.62, 0.64, 0.66, 0.68];
    const fit = parabolaVertex(xs, xs.map((x) => 10 * (x - 0.618) ** 2 + 1 + 1e-5 * next()))!;
    expect(Math.abs(fit.x - 0.618)).toBeLessThan(0.005);
  });

  it('gives no vertex for a fit that opens downwards, is flat, or is lowest outside the points', () => {
    const xs = [1, 2, 3, 4, 5];
    expect(parabolaVertex(xs, xs.map((x) => -((x - 3) ** 2)))).toBeNull();
    expect(parabolaVertex(xs, xs.map((x) => 2 * x))).toBeNull();
    expect(parabolaVertex(xs, xs.map((x) => (x - 7) ** 2))).toBeNull();
    expect(parabolaVertex([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(() => parabolaVertex([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => parabolaVertex([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});
