/**
 * Accumulating regression data (docs/experiments.md section 2; Gerstgrasser et al.), the
 * `accumulate-regression` preset: d = 10, n = 100, sigma = sigma_0 = 1, shared design, T = 50.
 *
 * Shared design, why the law is exact: every round relabels the same X, so pooling t + 1 rounds
 * gives w_t = mean_s (X'X)^-1 X'y_s = mean_s (w_{s-1} + eta_s), eta_s = (X'X)^-1 X'xi_s, and
 * (t + 1) e_t - t e_{t-1} = e_{t-1} + eta_t, i.e. e_t = e_{t-1} + eta_t/(t + 1). Given X the eta_s are
 * independent N(0, sigma_s^2 (X'X)^-1), so
 *   E testError_t = d/(n - d - 1) (sigma^2 + sigma_0^2 sum_{i=2..t+1} 1/i^2)
 *                 = sigma^2 d/(n - d - 1) sum_{i=1..t+1} 1/i^2 when sigma_0 = sigma,
 * and under replace (e_t = e_{t-1} + eta_t) the same with (t + 1) in place of the sum.
 *
 * SEs: tr((X'X)^-1) is common to all generations of a replicate, so a replicate's levels over t
 * are strongly correlated; each SE here comes from the R independent replicates at one t. Given X,
 * e_t is a d = 10 dimensional Gaussian, so ||e_t||^2 has relative SD about sqrt(2/d) = 0.45 per
 * replicate (measured 0.45): R = 2000 gives 1% SE, R = 200 would give 3% (the 7% miss of R = 200
 * at t = 50 is a 2-SE event, not a bias).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRegressionTheory, findPreset, presetConfig } from '../../engine/index';
import { config, mean, printRows, record, sampleVariance, simulateBlocks, standardError } from './helpers';

afterAll(() => printRows('accumulate (accumulate.test.ts)'));

const Z = 4;
const d = 10;
const n = 100;
const k = d / (n - d - 1); // d/(n - d - 1) = 10/89

function basel(t: number): number {
  let s = 0;
  for (let i = 1; i <= t + 1; i++) s += 1 / (i * i);
  return s;
}

function within(check: string, measured: number, want: number, se: number, how: string): void {
  record({ check, measured, theory: want, tolerance: `${Z} SE = ${(Z * se).toExponential(2)} (${how})` });
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(measured - want)).toBeLessThanOrEqual(Z * se);
}

const presetPartial = presetConfig(findPreset('accumulate-regression')!);

describe('accumulate-regression: shared design', () => {
  it('the preset is the shared-design accumulate chain, and its theory is sigma^2 d/(n-d-1) sum 1/i^2 (exact)', () => {
    const cfg = config(presetPartial);
    expect(cfg.model).toMatchObject({ family: 'linear-regression', dim: d, noise: 1 });
    expect(cfg.sampleSize).toMatchObject({ schedule: 'constant', n0: n });
    expect(cfg.data).toMatchObject({ mode: 'accumulate', sharedDesign: true });
    const stepper = createRegressionTheory(cfg);
    for (let t = 0; t <= cfg.generations; t++) {
      const want = k * basel(t);
      expect(Math.abs((stepper.next(t).testError as number) - want)).toBeLessThanOrEqual(1e-12 * want);
    }
    // Bounded by (pi^2/6) d/(n - d - 1); 1/(t+2) short of it at most (tail of sum 1/i^2 < 1/(t+1)).
    expect(k * basel(cfg.generations)).toBeLessThan((k * Math.PI ** 2) / 6);
    expect((k * Math.PI ** 2) / 6 - k * basel(50)).toBeLessThan(k / 51);
    // sigma != sigma_0: the real term keeps sigma^2, the pooled synthetic ones sigma_0^2.
    const mixed = config({ ...presetPartial, generations: 6, model: { family: 'linear-regression', dim: d, noise: 2, syntheticNoise: 0.5 } });
    const m = createRegressionTheory(mixed);
    for (let t = 0; t <= 6; t++) {
      const want = k * (4 + 0.25 * (basel(t) - 1));
      expect(Math.abs((m.next(t).testError as number) - want)).toBeLessThanOrEqual(1e-12 * want);
    }
  });

  it('simulation at t = 50 (the preset\'s T) within 4 SE with R = 2000', () => {
    const R = 2000;
    const T = 50;
    const run = simulateBlocks(config({ ...presetPartial, seed: 201, replicates: R }), (t) => t === T);
    const v = run.raw.get(T)!.testErr;
    expect(run.summaries[T].testError!.mean).toBeCloseTo(mean(v), 12);
    within('accumulate shared d=10 n=100 t=50 (R=2000)', mean(v), k * basel(T), standardError(v), 'sample SD of R replicates at t=50');
  });

  it('replace on the same shared design grows as (t + 1) sigma^2 d/(n - d - 1): exact theory, simulation at t = 20 within 4 SE', () => {
    const R = 2000;
    const T = 20;
    const cfg = config({ ...presetPartial, seed: 202, replicates: R, generations: T, data: { mode: 'replace', sharedDesign: true } });
    const run = simulateBlocks(cfg, (t) => t === T);
    run.summaries.forEach((s) => expect(Math.abs((s.theory.testError as number) - (s.t + 1) * k)).toBeLessThanOrEqual(1e-12 * (s.t + 1) * k));
    const v = run.raw.get(T)!.testErr;
    within('replace shared d=10 n=100 t=20 (R=2000)', mean(v), (T + 1) * k, standardError(v), 'sample SD of R replicates at t=20');
    // Accumulating instead keeps it 12x smaller at t = 20: 21 against sum_{i<=21} 1/i^2 = 1.60.
    expect((T + 1) / basel(T)).toBeGreaterThan(12);
  });
});

describe('accumulate with a fresh design each round runs 2-3% below the shared-design law', () => {
  it('t = 10, R = 6000: below the law and within 5% of it', () => {
    // Pooling fresh designs averages the Gram matrices over rounds, which lowers the error a little
    // below the shared-design law (docs/experiments.md: 2-3%; measured in development with R = 20000:
    // -0.8% at t = 1, -2.2% at t = 5, -2.5% at t = 10, -2.6% at t = 50, SE 0.33%).
    // Variance reduction by a control variate with an exactly known mean: the generation-0 fit
    // (OLS on n real pairs) has E testError_0 = sigma^2 d/(n - d - 1) = k for either design, and its
    // noise is the largest single part of e_10 (weight 1 of sum 1/i^2 = 1.56). The estimator
    // mean(v_10 - b (v_0 - k)), b the sample regression slope, is unbiased up to O(1/R); its SE is the
    // SD of the adjusted values / sqrt(R) (about 0.45% of the law here, against 0.59% without).
    // The expected gap of 2.5-3% is then ~6 SE: "below" is checked as law - estimate > 2 SE (a
    // one-sided 2.3% test that the gap is real), and "within 5%" allows the spec's 2-3% plus 4 SE.
    const R = 6000;
    const T = 10;
    const cfg = config({ ...presetPartial, seed: 203, replicates: R, generations: T, data: { mode: 'accumulate', sharedDesign: false } });
    const run = simulateBlocks(cfg, (t) => t === 0 || t === T);
    const v = run.raw.get(T)!.testErr;
    const u = run.raw.get(0)!.testErr;
    const law = k * basel(T);
    // The engine's theory is the shared-design law for the fresh design too (its doc says so).
    expect(run.summaries[T].theory.testError).toBeCloseTo(law, 12);
    const mu = mean(u);
    const mv = mean(v);
    let cov = 0;
    for (let i = 0; i < R; i++) cov += (u[i] - mu) * (v[i] - mv);
    const b = cov / (R - 1) / sampleVariance(u);
    const adjusted = Float64Array.from(v, (x, i) => x - b * (u[i] - k));
    const estimate = mean(adjusted);
    const se = standardError(adjusted);
    expect(se).toBeLessThan(standardError(v)); // the control variate helps
    const gap = (law - estimate) / law;
    record({ check: 'accumulate fresh design d=10 n=100 t=10 (R=6000): relative gap below the law', measured: gap, theory: 0.025, tolerance: `gap > 2 SE = ${((2 * se) / law).toExponential(2)} and gap < 0.05` });
    console.log(`fresh-design accumulate at t = 10: ${(100 * gap).toFixed(2)}% below the shared-design law (SE ${((100 * se) / law).toFixed(2)}%; plain mean ${((100 * (law - mv)) / law).toFixed(2)}% +- ${((100 * standardError(v)) / law).toFixed(2)}%)`);
    expect(law - estimate).toBeGreaterThan(2 * se);
    expect(gap).toBeLessThan(0.05);
  });
});
