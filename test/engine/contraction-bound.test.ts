/**
 * Seed 000's bound beside a neural run (engine/theory/contraction-bound.ts): the recursion
 * B_t = (1 - c_t) B_{t-1} + d sigma^2 / n_t from the measured slope, the two shares of the run's
 * statement, and the slope estimator itself (engine/core/summarise.ts).
 */
import { describe, expect, it } from 'vitest';
import { contractionBound, resolveConfig, type GenerationSummary } from '../../engine';
import { leastSquaresSlope } from '../../engine/core/summarise';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';

type Input = Pick<GenerationSummary, 't' | 'sampleSize' | 'error' | 'contraction'>;
const gen = (t: number, n: number, mse: number, slope?: number): Input => ({
  t,
  sampleSize: n,
  error: { mean: 0, rms: Math.sqrt(mse), median: 0, q25: 0, q75: 0 },
  contraction: { median: 1, geometricMean: 1, ...(slope === undefined ? {} : { slope }) },
});

describe('theory.contractionBound', () => {
  const config = resolveConfig({ model: { family: 'gaussian', dim: 2, estimate: 'mean', sigma: 2 }, filter: { kind: 'neural', training: { c: 0.3 } } });

  it('follows B_0 = d sigma^2 / n_0, B_t = slope_t B_{t-1} + d sigma^2 / n_t', () => {
    // d sigma^2 = 8: noise 0.08 at n = 100, 0.04 at n = 200.
    const gs = [gen(0, 100, 0.07), gen(1, 100, 0.1, 0.5), gen(2, 200, 0.05, 0.8)];
    const b = contractionBound(config, gs);
    expect(b.bound[0]).toBeCloseTo(0.08, 15);
    expect(b.bound[1]).toBeCloseTo(0.5 * 0.08 + 0.08, 15);
    expect(b.bound[2]).toBeCloseTo(0.8 * 0.12 + 0.04, 15);
    // The MSE is under the bound every time: 0.07 <= 0.08, 0.1 <= 0.12, 0.05 <= 0.136.
    expect(b.boundHeldShare).toBe(1);
    // c = 0.3: slope 0.5 <= 0.7 contracted, 0.8 > 0.7 did not.
    expect(b.contractedShare).toBe(0.5);
  });

  it('says where the bound fails and uses the state-dependent c(e) of the settings', () => {
    const linear = resolveConfig({ model: { family: 'gaussian', dim: 2, estimate: 'mean', sigma: 2 }, filter: { kind: 'neural', training: { contraction: 'linear', cMax: 0.5, cScale: 2 } } });
    // c(MSE_0 = 0.1) = 0.2 so slope 0.85 > 0.8 fails; c(MSE_1 = 0.3) = 0.5 so slope 0.45 passes.
    const gs = [gen(0, 100, 0.1), gen(1, 100, 0.3, 0.85), gen(2, 100, 0.1, 0.45)];
    const b = contractionBound(linear, gs);
    expect(b.contractedShare).toBe(0.5);
    // B = 0.08, 0.148, 0.1466: MSE 0.1 > 0.08 and 0.3 > 0.148 fail, 0.1 <= 0.1466 holds.
    expect(b.boundHeldShare).toBeCloseTo(1 / 3, 15);
  });

  it('is null for a family whose noise has no closed form here', () => {
    const poisson = resolveConfig({ model: { family: 'poisson', dim: 2 }, filter: { kind: 'neural' } });
    const b = contractionBound(poisson, [gen(0, 100, 0.1), gen(1, 100, 0.1, 0.5)]);
    expect(b.bound).toEqual([null, null]);
    expect(b.boundHeldShare).toBeNull();
  });
});

describe('the measured contraction: least-squares slope of ||e_t||^2 on ||e_{t-1}||^2', () => {
  it('is exact on a line and null when x does not vary', () => {
    expect(leastSquaresSlope(Float64Array.from([1, 2, 4]), Float64Array.from([3.5, 4, 5]))).toBeCloseTo(0.5, 15);
    expect(leastSquaresSlope(Float64Array.from([2, 2]), Float64Array.from([1, 3]))).toBeNull();
  });

  it('recovers rho^2 of e_t = rho e_{t-1} + xi where the ratio V_t / V_{t-1} does not', () => {
    // d = 2, rho = 0.5, xi ~ N(0, s^2 I) with s^2 = 0.01, e_{t-1} ~ N(0, 0.02 I): E[V_t | V_{t-1}]
    // = rho^2 V_{t-1} + 2 s^2, so the slope is rho^2 = 0.25. Its SE is about
    // sd(resid) / (sd(x) sqrt(R)); with R = 20000 that is below 0.01, and 5 SE = 0.05 is the tolerance.
    const R = 20000;
    const rng = new Xoshiro128();
    rng.load(seedStreams(7, 0, 1), 0);
    const x = new Float64Array(R);
    const y = new Float64Array(R);
    let logRatio = 0;
    for (let r = 0; r < R; r++) {
      let vx = 0;
      let vy = 0;
      for (let j = 0; j < 2; j++) {
        const e = Math.sqrt(0.02) * normal(rng);
        const next = 0.5 * e + 0.1 * normal(rng);
        vx += e * e;
        vy += next * next;
      }
      x[r] = vx;
      y[r] = vy;
      logRatio += Math.log(vy / vx);
    }
    let mx = 0;
    for (const v of x) mx += v / R;
    const slope = leastSquaresSlope(x, y)!;
    let sxx = 0;
    let rss = 0;
    let my = 0;
    for (const v of y) my += v / R;
    for (let r = 0; r < R; r++) {
      sxx += (x[r] - mx) ** 2;
      rss += (y[r] - my - slope * (x[r] - mx)) ** 2;
    }
    const se = Math.sqrt(rss / (R - 2) / sxx);
    expect(se).toBeLessThan(0.01);
    expect(Math.abs(slope - 0.25)).toBeLessThanOrEqual(5 * se);
    // The geometric-mean ratio mixes the noise in: here it is far from rho^2 (about 0.9).
    expect(Math.exp(logRatio / R)).toBeGreaterThan(0.5);
  });
});
