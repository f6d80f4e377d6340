import { truthVector } from '../config/defaults';
import type { RunConfig } from '../config/types';
import { sampleSizeAt } from '../core/schedules';
import { dataMixing, designSpectrum, regressionNoise, ridgePenalty } from '../regression/design';
import { directionsSettings, fixedDirectionsDesign, gram, symmetricEigen } from '../regression/directions';
import { ridgeResolventMoments } from './marchenko-pastur';
import { directionsVerifierLaw, gaussianVerifierLaw, regressionVerifierLaw, verifierErrorSeries } from './verifier';

/**
 * Closed forms for recursive regression (docs/experiments.md sections 5 and 6), as steppers over t:
 * - OLS (Dohmatob et al. Theorem 4.1): each generation adds sigma_s^2 d / (n_s - d - 1) to the test
 *   error (sigma_0 synthetic, sigma real at t = 0), tr(Sigma^-1) in place of d for ||e||^2; exact for any
 *   n_s >= d + 2, fresh or shared design. Accumulate (constant n): the shared-design law
 *   d/(n-d-1) (sigma^2 + sigma_0^2 sum_{k=2..t+1} 1/k^2) (Gerstgrasser et al.); with a fresh design
 *   each round the simulation runs 2-3% below it. Fresh real data: the seed-003 mix of both parts
 *   (`data.mixing = separate` only; the pooled weighted fit has no closed form here, so null).
 * - Final fit (`sampleSize.final = T`; Dohmatob et al. Theorem 4.1 exactly as stated, their figure 4):
 *   the generators start at w0 and add sigma_0^2 d/(n_s - d - 1) each; the final OLS model on T pairs
 *   with noise sigma adds sigma^2 d/(T - d - 1):  E test error_t = sigma^2 d/(T - d - 1) + sum_{s=1..t}
 *   sigma_0^2 d/(n_s - d - 1). A ridge final model (isotropic) gives, with the Marchenko-Pastur moments
 *   at gamma = d/T, a2 G_t + (1 - 2 a1 + a2) ||w0||^2 + sigma^2 d v / T, G_t the generators' sum (their
 *   error is isotropic, mean zero and independent of the final design).
 * - Ridge, isotropic, fresh design, replace: with A = (Sigma_hat + lambda)^-1 Sigma_hat,
 *   e_t = A e_{t-1} - (I - A) w0 + xi, so m_t = a2 m_{t-1} - 2 (a1 - a2) c_{t-1} + (1 - 2 a1 + a2) ||w0||^2
 *   + sigma^2 d v / n and c_t = E e_t'w0 = a1 c_{t-1} - (1 - a1) ||w0||^2, with the Marchenko-Pastur
 *   moments (seed 004, Corollary 4.4's setting).
 * - Verifier (replace, isotropic OLS): the linearised law of theory/verifier.ts; for the directions
 *   protocol its own law (directionsVerifierLaw) with V_0 = sigma^2 sum_j 1/mu_j^2 of the fixed X0
 *   (sigma^2 d/(n_0 - d - 1) for a design per replicate).
 * Anything else (ridge on a power-law spectrum, ridge with accumulate) has no closed form here.
 */
/** Regression's predictions per generation: E||w_t - w0||^2 and the excess test risk. */
export interface RegressionTheory {
  next(t: number): { errorMeanSq: number | null; testError: number | null };
}

export function createRegressionTheory(config: Readonly<RunConfig>): RegressionTheory {
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

  if (config.sampleSize.final !== undefined) return finalFitTheory(config, w0sq);
  if (config.filter.kind === 'verifier' && config.filter.protocol === 'directions') {
    if (!(isotropic && ols && mode === 'replace') || n(0) < d + 2) return none;
    const { k, design } = directionsSettings(config);
    let v0: number;
    if (design === 'fixed') {
      // The run's own X0: sigma^2 tr((X0'X0)^-1) = sigma^2 sum_j 1/mu_j^2.
      const mu2 = symmetricEigen(gram(fixedDirectionsDesign(config, n(0)), n(0), d), d).values;
      v0 = sigma * sigma * mu2.reduce((acc, m) => acc + 1 / m, 0);
    } else {
      v0 = (sigma * sigma * d) / (n(0) - d - 1);
    }
    const law = directionsVerifierLaw(sigma0, config.filter.radius ?? 0, config.filter.slack ?? 0);
    // A mean of k accepted labels per direction: the section 5 series with N a = k.
    const series = verifierErrorSeries({ rho: law.rho, acceptance: 1 }, config.filter.centerOffset ?? 0, v0, sigma0 * sigma0, d, () => k);
    return { next: (t) => ((v) => ({ errorMeanSq: v, testError: v }))(series(t)) };
  }
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
    if (mode === 'fresh') ok &&= config.data.realPerGeneration >= d + 2 && dataMixing(config) === 'separate';
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

/**
 * Dohmatob, Feng and Kempe, Theorem 4.1 (OLS final model) and its ridge counterpart for an isotropic
 * design: the test error of a final model fitted on T pairs with noise sigma labelled by the t-th
 * OLS generator (generators on n_s pairs with noise sigma_0, the first labelled by w0 itself).
 */
function finalFitTheory(config: Readonly<RunConfig>, w0sq: number): RegressionTheory {
  const none = { next: () => ({ errorMeanSq: null, testError: null }) };
  const d = config.model.dim;
  const T = config.sampleSize.final!;
  const { real: sigma, synthetic: sigma0 } = regressionNoise(config);
  const spectrum = designSpectrum(config);
  const isotropic = spectrum.every((l) => l === 1);
  const trInv = spectrum.reduce((acc, l) => acc + 1 / l, 0);
  const n = (t: number): number => sampleSizeAt(config.sampleSize, t);
  const ols = config.model.ridgeExponent === undefined && (config.model.ridge ?? 0) === 0;
  // Generators: sigma_0^2 d/(n_s - d - 1) needs n_s >= d + 2 (generation 1 has the fewest).
  if (config.generations >= 1 && n(1) < d + 2) return none;
  if (ols && T < d + 2) return none;
  if (!ols && !isotropic) return none;
  const mp = ols ? null : ridgeResolventMoments(d / T, ridgePenalty(config, T));
  let gTest = 0; // the generators' own E||g_t - w0||^2_Sigma and E||g_t - w0||^2
  let gErr = 0;
  return {
    next(t) {
      if (t > 0) {
        gTest += (sigma0 * sigma0 * d) / (n(t) - d - 1);
        gErr += (sigma0 * sigma0 * trInv) / (n(t) - d - 1);
      }
      if (mp) {
        const m = mp.a2 * gTest + (1 - 2 * mp.a1 + mp.a2) * w0sq + (sigma * sigma * d * mp.v) / T;
        return { errorMeanSq: m, testError: m };
      }
      return { errorMeanSq: gErr + (sigma * sigma * trInv) / (T - d - 1), testError: gTest + (sigma * sigma * d) / (T - d - 1) };
    },
  };
}

export { gaussianVerifierLaw, regressionVerifierLaw };
