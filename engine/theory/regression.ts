import { truthVector } from '../config/defaults';
import type { RunConfig } from '../config/types';
import { sampleSizeAt } from '../core/schedules';
import { designSpectrum, regressionNoise, ridgePenalty } from '../regression/design';
import { ridgeResolventMoments } from './marchenko-pastur';
import { gaussianVerifierLaw, regressionVerifierLaw, verifierErrorSeries } from './verifier';
import type { TheoryStepper } from './stepper';

/**
 * Closed forms for recursive regression (docs/experiments.md sections 5 and 6), as steppers over t:
 * - OLS (Dohmatob et al. Theorem 4.1): each generation adds sigma_s^2 d / (n_s - d - 1) to the test
 *   error (sigma_0 synthetic, sigma real at t = 0), tr(Sigma^-1) in place of d for ||e||^2; exact for any
 *   n_s >= d + 2, fresh or shared design. Accumulate (constant n): the shared-design law
 *   d/(n-d-1) (sigma^2 + sigma_0^2 sum_{k=2..t+1} 1/k^2) (Gerstgrasser et al.); with a fresh design
 *   each round the simulation runs 2-3% below it. Fresh real data: the seed-003 mix of both parts.
 * - Ridge, isotropic, fresh design, replace: with A = (Sigma_hat + lambda)^-1 Sigma_hat,
 *   e_t = A e_{t-1} - (I - A) w0 + xi, so m_t = a2 m_{t-1} - 2 (a1 - a2) c_{t-1} + (1 - 2 a1 + a2) ||w0||^2
 *   + sigma^2 d v / n and c_t = E e_t'w0 = a1 c_{t-1} - (1 - a1) ||w0||^2, with the Marchenko-Pastur
 *   moments (seed 004, Corollary 4.4's setting).
 * - Verifier (replace, isotropic OLS): the linearised law of theory/verifier.ts.
 * Anything else (ridge on a power-law spectrum, ridge with accumulate) has no closed form here.
 */
export function createRegressionTheory(config: Readonly<RunConfig>): { next(t: number): { errorMeanSq: number | null; testError: number | null } } {
  const none = { next: () => ({ errorMeanSq: null, testError: null }) };
  if (config.model.family !== 'linear-regression') return none;
  const d = config.model.dim;
  const { real: sigma, synthetic: sigma0 } = regressionNoise(config);
  const spectrum = designSpectrum(config);
  const isotropic = spectrum.every((l) => l === 1);
  const trInv = spectrum.reduce((s, l) => s + 1 / l, 0);
  const n = (t: number): number => sampleSizeAt(config.sampleSize, t);
  const { mode } = config.data;
  const ols = config.model.ridgeExponent === undefined && (config.model.ridge ?? 0) === 0;
  const constantN = config.sampleSize.schedule === 'constant' && config.sampleSize.initial === undefined;
  const w0sq = truthVector(config).reduce((s, v) => s + v * v, 0);

  if (config.filter.kind === 'verifier') {
    // V_0 = sigma^2 d / (n_0 - d - 1) needs n_0 >= d + 2.
    if (!(isotropic && ols && mode === 'replace') || n(0) < d + 2) return none;
    const law = regressionVerifierLaw(d, sigma0, config.filter.radius ?? 0, config.filter.slack ?? 0);
    const v0 = (sigma * sigma * d) / (n(0) - d - 1);
    const series = verifierErrorSeries(law, config.filter.centerOffset ?? 0, v0, sigma0 * sigma0, d, n);
    return { next: (t) => ((v) => ({ errorMeanSq: v, testError: v }))(series(t)) };
  }
  if (config.filter.kind !== 'none') return none;

  if (ols) {
    // Every term sigma^2 d / (n - d - 1) needs n >= d + 2: schedules never decrease, so
    // generations 0 and 1 decide it, and fresh real data adds its own count.
    let ok = true;
    for (let t = 0; t <= Math.min(config.generations, 1); t++) ok &&= n(t) >= d + 2;
    if (mode === 'fresh') ok &&= config.data.realPerGeneration >= d + 2;
    if (!ok) return none;
    const k = (size: number): { test: number; err: number } => ({ test: d / (size - d - 1), err: trInv / (size - d - 1) });
    let test = 0;
    let err = 0;
    return {
      next(t) {
        const size = n(t);
        if (t === 0) {
          test = sigma * sigma * k(size).test;
          err = sigma * sigma * k(size).err;
        } else if (mode === 'replace') {
          test += sigma0 * sigma0 * k(size).test;
          err += sigma0 * sigma0 * k(size).err;
        } else if (mode === 'accumulate') {
          if (!constantN) return { errorMeanSq: null, testError: null };
          test += (sigma0 * sigma0 * k(size).test) / ((t + 1) * (t + 1));
          err += (sigma0 * sigma0 * k(size).err) / ((t + 1) * (t + 1));
        } else {
          const w = config.data.realWeight;
          const nr = config.data.realPerGeneration;
          test = w * w * sigma * sigma * k(nr).test + (1 - w) * (1 - w) * (test + sigma0 * sigma0 * k(size).test);
          err = w * w * sigma * sigma * k(nr).err + (1 - w) * (1 - w) * (err + sigma0 * sigma0 * k(size).err);
        }
        return { errorMeanSq: err, testError: test };
      },
    };
  }

  if (!(isotropic && mode === 'replace' && !config.data.sharedDesign)) return none;
  let m = 0;
  let c = 0;
  return {
    next(t) {
      const size = n(t);
      const { a1, a2, v } = ridgeResolventMoments(d / size, ridgePenalty(config, size));
      const s2 = t === 0 ? sigma * sigma : sigma0 * sigma0;
      const mNext = a2 * m - 2 * (a1 - a2) * c + (1 - 2 * a1 + a2) * w0sq + (s2 * d * v) / size;
      c = a1 * c - (1 - a1) * w0sq;
      m = mNext;
      return { errorMeanSq: m, testError: m };
    },
  };
}

/** theory.testError per generation (null where none applies). */
export function createTestErrorTheory(config: Readonly<RunConfig>): TheoryStepper {
  const theory = createRegressionTheory(config);
  return { next: (t) => theory.next(t).testError };
}

export { gaussianVerifierLaw, regressionVerifierLaw };
