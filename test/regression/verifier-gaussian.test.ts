/**
 * The verifier on the Gaussian family (docs/experiments.md section 5, last line; ReplicateBlock.drawVerified):
 * a candidate x ~ N(theta_{t-1}, sigma^2 I) is kept iff ||x - theta_c|| <= r, theta_c = theta* + offset
 * (1, ..., 1)/sqrt(d), and theta_t is the mean of the kept ones.
 *
 * Linearised at theta_c it is the oracle ball with a fixed radius: with c = r^2/sigma^2,
 *   acceptance = F_chi2(d)(c),   rho = F_chi2(d+2)(c) / F_chi2(d)(c),
 * and the kept candidates' per-coordinate variance is sigma^2 rho, so a step adds noise of trace
 * d rho sigma^2 / (N acceptance) and the stationary E||theta - theta_c||^2 = d rho sigma^2 / (N acc (1 - rho^2)).
 * Higher-order terms are O(||theta - theta_c||^2 / sigma^2) relative: 0.2% at the stationary spread
 * here, far below the SEs.
 *
 * Setting: d = 2, sigma = 1, r = 1.5 (c = 2.25), N = 1000, offset 0.5, T = 40, R = 1000. The chain
 * forgets its start by t = 15 (rho^15 = 9e-6), so t >= 15 is stationary. SEs from the R independent
 * replicates; fitted means are read from the block (helpers.coefficientsOf).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorTheory, gaussianVerifierLaw, truthVector, verifierCenter } from '../../engine/index';
import { config, mean, printRows, ratioWithSe, record, simulateBlocks, standardError } from './helpers';

afterAll(() => printRows('Gaussian verifier (verifier-gaussian.test.ts)'));

const Z = 4;
const d = 2;
const r = 1.5;
const N = 1000;
const offset = 0.5;
const T = 40;
const R = 1000;
const cfg = config({ seed: 601, replicates: R, generations: T, model: { dim: d }, sampleSize: { n0: N }, filter: { kind: 'verifier', radius: r, centerOffset: offset } });
const law = gaussianVerifierLaw(d, 1, r);
const center = verifierCenter(truthVector(cfg), offset);
const stationary = (d * law.rho) / (N * law.acceptance * (1 - law.rho ** 2));

function within(check: string, measured: number, want: number, tol: number, how: string): void {
  record({ check, measured, theory: want, tolerance: `${tol.toExponential(2)} (${how})` });
  expect(Number.isFinite(measured)).toBe(true);
  expect(Math.abs(measured - want)).toBeLessThanOrEqual(tol);
}

/** theta_t - theta_c per replicate (R x d). */
function deltas(coef: Float64Array): Float64Array {
  return Float64Array.from(coef, (v, i) => v - center[i % d]);
}

describe('Gaussian verifier: the law', () => {
  it('acceptance = F_chi2(2)(c) = 1 - exp(-c/2), rho = F_chi2(4)(c)/F_chi2(2)(c), F_chi2(4)(c) = 1 - exp(-c/2)(1 + c/2)', () => {
    const c = r * r;
    const f2 = 1 - Math.exp(-c / 2);
    const f4 = 1 - Math.exp(-c / 2) * (1 + c / 2);
    expect(law.acceptance).toBeCloseTo(f2, 12);
    expect(law.rho).toBeCloseTo(f4 / f2, 12);
    expect(law.acceptance).toBeCloseTo(0.67535, 5);
    expect(law.rho).toBeCloseTo(0.45919, 5);
  });

  it('theory.errorMeanSq = (1 - rho^t)^2 offset^2 + V_t, V_t = rho^2 V_{t-1} + d rho sigma^2/(N acc), V_0 = d sigma^2/n_0 (exact)', () => {
    const stepper = createErrorTheory(cfg);
    let V = d / N;
    for (let t = 0; t <= T; t++) {
      if (t > 0) V = law.rho ** 2 * V + (d * law.rho) / (N * law.acceptance);
      const want = (1 - law.rho ** t) ** 2 * offset ** 2 + V;
      expect(Math.abs((stepper.next(t) as number) - want)).toBeLessThanOrEqual(1e-12 * want);
    }
    expect(Math.abs(V - stationary)).toBeLessThan(1e-12);
  });
});

describe('Gaussian verifier: simulation (d = 2, r = 1.5, N = 1000, offset 0.5, R = 1000)', () => {
  let run: ReturnType<typeof simulateBlocks>;
  beforeAll(() => {
    run = simulateBlocks(cfg, (t) => t >= 15 || t === 0, { coefficients: true });
  });

  it('keeps F_chi2(d)(r^2/sigma^2) of the candidates at t = T within 4 SE plus the first-order offset term', () => {
    // With the model's mean at theta_c + delta, ||x - theta_c||^2 is noncentral chi2_d(||delta||^2), whose
    // CDF is F_d(c) - (||delta||^2/2)(F_d(c) - F_{d+2}(c)) + O(||delta||^4): the first-order term, with
    // E||delta||^2 at stationarity, is 3e-4 here (0.7 SE); it is allowed on top of 4 SE.
    const kept = run.raw.get(T)!.kept;
    const firstOrder = (stationary / 2) * (law.acceptance - law.acceptance * law.rho);
    within('Gaussian verifier kept.mean t=40 (R=1000)', mean(kept), law.acceptance, Z * standardError(kept) + firstOrder, '4 SE + first-order ||delta||^2 term');
    expect(run.summaries[T].kept.mean).toBeCloseTo(mean(kept), 12);
  });

  it('contracts toward theta_c at rate rho: the stationary regression of delta_t on delta_{t-1} within 4 SE', () => {
    // rho_hat = sum_r sum_t delta_t . delta_{t-1} / sum_r sum_t ||delta_{t-1}||^2 over t = 16..40: a ratio of
    // per-replicate sums, which are independent across replicates; delta-method SE (helpers.ratioWithSe).
    const num = new Float64Array(R);
    const den = new Float64Array(R);
    for (let t = 16; t <= T; t++) {
      const a = deltas(run.raw.get(t)!.coef!);
      const b = deltas(run.raw.get(t - 1)!.coef!);
      for (let i = 0; i < R; i++) {
        for (let j = 0; j < d; j++) {
          num[i] += a[i * d + j] * b[i * d + j];
          den[i] += b[i * d + j] ** 2;
        }
      }
    }
    const { ratio, se } = ratioWithSe(num, den);
    within('Gaussian verifier contraction rho (t=16..40, R=1000)', ratio, law.rho, Z * se, '4 SE, delta method over replicates');
  });

  it('settles at theta_c: E||theta_T - theta_c||^2 = d rho/(N acc (1 - rho^2)) and E[theta_T - theta_c] = 0 within 4 SE', () => {
    const dl = deltas(run.raw.get(T)!.coef!);
    const dist = new Float64Array(R);
    const along = new Float64Array(R); // component along (theta_c - theta*)/offset = (1, ..., 1)/sqrt(d)
    for (let i = 0; i < R; i++) {
      for (let j = 0; j < d; j++) {
        dist[i] += dl[i * d + j] ** 2;
        along[i] += dl[i * d + j] / Math.sqrt(d);
      }
    }
    within('Gaussian verifier E||theta_40 - theta_c||^2 (R=1000)', mean(dist), stationary, Z * standardError(dist), '4 SE');
    // The ball is symmetric about theta_c, so the stationary delta is symmetric: mean 0. At t = 0 it was -offset.
    within('Gaussian verifier E[(theta_40 - theta_c) . u] (R=1000)', mean(along), 0, Z * standardError(along), '4 SE');
    // At t = 0 (the real fit on N samples) u . (theta_0 - theta*) ~ N(0, 1/N): its mean over R has SE 1/sqrt(N R).
    const along0 = deltas(run.raw.get(0)!.coef!).reduce((s, v) => s + v / Math.sqrt(d), 0) / R;
    expect(Math.abs(along0 + offset)).toBeLessThanOrEqual(Z / Math.sqrt(N * R));
    // And ||e_T||^2 = ||theta_T - theta*||^2 against the engine's theory (offset^2 + the floor).
    const err = run.raw.get(T)!.errSq;
    within('Gaussian verifier E||e_40||^2 (R=1000)', mean(err), run.summaries[T].theory.errorMeanSq as number, Z * standardError(err), '4 SE');
  });
});
