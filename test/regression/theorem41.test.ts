/**
 * Dohmatob, Feng and Kempe's Theorem 4.1 (docs/experiments.md section 6) and the seed-003 fresh mix for
 * regression: OLS, replace, n_s >= d + 2,
 *   E testError_t = sigma^2 d/(n_0 - d - 1) + sum_{s=1..t} sigma_0^2 d/(n_s - d - 1),
 * and E||e_t||^2 the same sums with tr(Sigma^-1) in place of d.
 *
 * Why it is exact: generation s refits on labels y = X w_{s-1} + xi, so by OLS
 * w_s = w_{s-1} + (X'X)^-1 X' xi and e_t is a sum of independent increments with
 * E||incr||^2_Sigma = sigma_s^2 E tr(Sigma (X'X)^-1) = sigma_s^2 E tr((Z'Z)^-1) = sigma_s^2 d/(n_s - d - 1)
 * (X = Z Sigma^1/2, Z Gaussian; the inverse-Wishart mean), and in the plain norm
 * sigma_s^2 E tr(Sigma^-1 (Z'Z)^-1) = sigma_s^2 tr(Sigma^-1)/(n_s - d - 1).
 *
 * Tolerances: theory against a hand-computed sum to 1e-12 relative (float rounding of a dozen
 * additions); simulations within 4 standard errors, the SE from the sample SD of R independent
 * replicates at a single t (generations of one chain are correlated, replicates are not). The
 * increments are inverse-Wishart quadratic forms with finite variance when n - d > 3, true below.
 * Small d (5 or 10) suffices: the theorem holds for every d with n >= d + 2, and a d = 10 fit costs
 * ~1/1000 of a d = 300 one, which buys thousands of replicates (SE < 1%). The d = 300 chain is in
 * ridge-collapse.test.ts. CLOSED_FORM_REPORT=1 prints the table of checks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRegressionTheory, sampleSizeAt, type RunConfig } from '../../engine/index';
import { config, mean, printRows, record, simulateBlocks, standardError } from './helpers';

afterAll(() => printRows('Theorem 4.1 and the fresh mix (theorem41.test.ts)'));

const Z = 4;

/** theory.{testError, errorMeanSq} for t = 0..T from the engine's stepper. */
function theory(cfg: RunConfig): { test: number[]; err: number[] } {
  const stepper = createRegressionTheory(cfg);
  const test: number[] = [];
  const err: number[] = [];
  for (let t = 0; t <= cfg.generations; t++) {
    const v = stepper.next(t);
    test.push(v.testError as number);
    err.push(v.errorMeanSq as number);
  }
  return { test, err };
}

/** The theorem's sum written out by hand: real term at s = 0, synthetic terms after. */
function handSum(d: number, n: (s: number) => number, sigma: number, sigma0: number, t: number, trace = d): number {
  let s = (sigma * sigma * trace) / (n(0) - d - 1);
  for (let k = 1; k <= t; k++) s += (sigma0 * sigma0 * trace) / (n(k) - d - 1);
  return s;
}

function within(check: string, measured: number, want: number, se: number, how: string): void {
  record({ check, measured, theory: want, tolerance: `${Z} SE = ${(Z * se).toExponential(2)} (${how})` });
  expect(Number.isFinite(measured)).toBe(true);
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(measured - want)).toBeLessThanOrEqual(Z * se);
}

const reg = (model: Record<string, unknown>) => ({ family: 'linear-regression', ...model });

describe('Theorem 4.1: theory.testError is the sum of per-generation terms (exact)', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['constant n, sigma != sigma_0', { generations: 12, model: reg({ dim: 10, noise: 1, syntheticNoise: 0.5 }), sampleSize: { n0: 30 } }],
    ['linear growth with an initial real size', { generations: 15, model: reg({ dim: 5, noise: 0.3, syntheticNoise: 2 }), sampleSize: { schedule: 'linear', n0: 20, initial: 12 } }],
    ['sqrt growth, syntheticNoise defaulting to noise', { generations: 15, model: reg({ dim: 8, noise: 0.7 }), sampleSize: { schedule: 'sqrt', n0: 25 } }],
    ['power growth p = 1.5', { generations: 10, model: reg({ dim: 3, noise: 1.5, syntheticNoise: 0.1 }), sampleSize: { schedule: 'power', power: 1.5, n0: 9 } }],
  ];
  it.each(cases)('%s', (_, partial) => {
    const cfg = config(partial);
    const m = cfg.model;
    const n = (s: number) => sampleSizeAt(cfg.sampleSize, s);
    const sigma0 = m.syntheticNoise ?? (m.noise as number);
    const th = theory(cfg);
    for (let t = 0; t <= cfg.generations; t++) {
      const want = handSum(m.dim, n, m.noise as number, sigma0, t);
      expect(Math.abs(th.test[t] - want)).toBeLessThanOrEqual(1e-12 * want);
      // Isotropic: tr(Sigma^-1) = d, so the plain-norm error has the same law.
      expect(th.err[t]).toBe(th.test[t]);
    }
  });

  it('power-law spectrum: testError keeps d/(n - d - 1); errorMeanSq uses tr(Sigma^-1) = sum_j j^beta', () => {
    const beta = 1.5;
    const d = 10;
    const cfg = config({ generations: 8, model: reg({ dim: d, noise: 1, syntheticNoise: 0.5, spectrum: 'power', spectrumExponent: beta }), sampleSize: { n0: 30 } });
    let trInv = 0;
    for (let j = 1; j <= d; j++) trInv += j ** beta; // lambda_j = j^-beta
    const th = theory(cfg);
    for (let t = 0; t <= cfg.generations; t++) {
      const wantTest = handSum(d, () => 30, 1, 0.5, t);
      const wantErr = handSum(d, () => 30, 1, 0.5, t, trInv);
      expect(Math.abs(th.test[t] - wantTest)).toBeLessThanOrEqual(1e-12 * wantTest);
      expect(Math.abs(th.err[t] - wantErr)).toBeLessThanOrEqual(1e-12 * wantErr);
    }
    expect(th.err[3] / th.test[3]).toBeCloseTo(trInv / d, 12);
  });

  it('no closed form below n = d + 2 (null), though OLS itself runs from n = d', () => {
    const cfg = config({ generations: 3, model: reg({ dim: 10 }), sampleSize: { n0: 11 } });
    expect(theory(cfg).test.every((v) => v === null)).toBe(true);
    const ok = config({ generations: 3, model: reg({ dim: 10 }), sampleSize: { n0: 12 } });
    expect(theory(ok).test[3]).toBeCloseTo((4 * 10) / 1, 12); // (t + 1) d / (n - d - 1) = 4 * 10 / 1
  });
});

describe('Theorem 4.1 by simulation at one t (within 4 SE)', () => {
  it('constant n: d = 10, n = 30, sigma = 1, sigma_0 = 0.5 at t = 10 (R = 4000)', () => {
    const R = 4000;
    const T = 10;
    const cfg = config({ seed: 411, replicates: R, generations: T, model: reg({ dim: 10, noise: 1, syntheticNoise: 0.5 }), sampleSize: { n0: 30 } });
    const run = simulateBlocks(cfg, (t) => t === T);
    const v = run.raw.get(T)!.testErr;
    const want = handSum(10, () => 30, 1, 0.5, T); // 10/19 + 10 * 0.25 * 10/19 = 1.842105
    expect(run.summaries[T].testError!.mean).toBeCloseTo(mean(v), 12);
    expect(run.summaries[T].theory.testError).toBeCloseTo(want, 12);
    within('OLS d=10 n=30 sigma=1 sigma0=0.5 t=10 testError (R=4000)', mean(v), want, standardError(v), 'sample SD of R replicates');
    // Isotropic: the Sigma-norm and plain norm coincide replicate by replicate.
    expect(run.raw.get(T)!.errSq).toStrictEqual(v);
  });

  it('growing schedule: d = 5, initial 12, then n_t = 20 (t + 1), sigma = 0.3, sigma_0 = 2 at t = 8 (R = 3000)', () => {
    const R = 3000;
    const T = 8;
    const cfg = config({ seed: 412, replicates: R, generations: T, model: reg({ dim: 5, noise: 0.3, syntheticNoise: 2 }), sampleSize: { schedule: 'linear', n0: 20, initial: 12 } });
    const run = simulateBlocks(cfg, (t) => t === T);
    const v = run.raw.get(T)!.testErr;
    const want = handSum(5, (s) => (s === 0 ? 12 : 20 * (s + 1)), 0.3, 2, T);
    expect(run.summaries[T].theory.testError).toBeCloseTo(want, 12);
    within('OLS d=5 linear schedule sigma=0.3 sigma0=2 t=8 testError (R=3000)', mean(v), want, standardError(v), 'sample SD of R replicates');
  });

  it('power-law spectrum (beta = 1.5): testError and ||e||^2 at t = 5 (R = 4000)', () => {
    const R = 4000;
    const T = 5;
    const d = 10;
    const beta = 1.5;
    const cfg = config({ seed: 413, replicates: R, generations: T, model: reg({ dim: d, noise: 1, syntheticNoise: 0.5, spectrum: 'power', spectrumExponent: beta }), sampleSize: { n0: 30 } });
    let trInv = 0;
    for (let j = 1; j <= d; j++) trInv += j ** beta;
    const run = simulateBlocks(cfg, (t) => t === T);
    const raw = run.raw.get(T)!;
    within('OLS power spectrum beta=1.5 d=10 t=5 testError (R=4000)', mean(raw.testErr), handSum(d, () => 30, 1, 0.5, T), standardError(raw.testErr), 'sample SD of R replicates');
    // ||e||^2 weights coordinate j by 1/lambda_j = j^1.5 (up to 31.6): heavier tails than the test
    // error, but the fourth moments of (Z'Z)^-1 are finite at n - d = 20, so the sample SD is valid.
    within('OLS power spectrum beta=1.5 d=10 t=5 ||e||^2 (R=4000)', mean(raw.errSq), handSum(d, () => 30, 1, 0.5, T, trInv), standardError(raw.errSq), 'sample SD of R replicates');
    expect(run.summaries[T].error.rms ** 2).toBeCloseTo(mean(raw.errSq), 12);
  });
});

describe('the fresh mix for regression (seed 003 in parameter space, data.mixing = separate)', () => {
  // The separate mix (regression defaults to the pooled fit, which has no closed form: mixing.test.ts).
  // w_t = w (w0 + eta_real) + (1 - w)(w_{t-1} + eta_syn), the two fits independent, so
  // m_t = w^2 sigma^2 d/(n_real - d - 1) + (1 - w)^2 (m_{t-1} + sigma_0^2 d/(n - d - 1)) exactly.
  const d = 5;
  const nReal = 15;
  const n = 20;
  const w = 0.4;
  const T = 10;
  const partial = { generations: T, model: reg({ dim: d, noise: 1, syntheticNoise: 0.5 }), sampleSize: { n0: n }, data: { mode: 'fresh', realPerGeneration: nReal, realWeight: w, mixing: 'separate' } };
  function hand(): number[] {
    const out = [(1 * d) / (n - d - 1)];
    for (let t = 1; t <= T; t++) out.push(w * w * (d / (nReal - d - 1)) + (1 - w) ** 2 * (out[t - 1] + (0.25 * d) / (n - d - 1)));
    return out;
  }

  it('theory.testError follows the recursion (exact)', () => {
    const th = theory(config(partial)).test;
    hand().forEach((m, t) => expect(Math.abs(th[t] - m)).toBeLessThanOrEqual(1e-12 * m));
  });

  it('simulation at t = 10 within 4 SE (R = 3000)', () => {
    const R = 3000;
    const run = simulateBlocks(config({ seed: 414, replicates: R, ...partial }), (t) => t === T);
    const v = run.raw.get(T)!.testErr;
    within('fresh mix d=5 n=20 n_real=15 w=0.4 t=10 testError (R=3000)', mean(v), hand()[T], standardError(v), 'sample SD of R replicates');
  });
});
