import type { ConfigIssue } from './errors';
import type { RunConfig } from './types';
import { MAX_EXPECTED_DIRECTION_DRAWS, MAX_VALUES_PER_GENERATION, MIN_EXPECTED_KEPT, MIN_RANK_DEFICIENT_RIDGE } from './limits';
import { maxSampleSize, sampleSizeAt } from '../core/schedules';
import { regressionNoise, ridgePenalty } from '../regression/design';
import { directionsVerifierLaw, gaussianVerifierLaw, regressionVerifierLaw } from '../theory/verifier';
import { MAX_DIRECTIONS_DIM, directionsSettings } from '../regression/directions';

/** Whether a config asks for seed 004's final fit (a regression chain with `sampleSize.final`). */
export function hasFinalFit(c: RunConfig): boolean {
  return c.model.family === 'linear-regression' && c.sampleSize.final !== undefined;
}

/** Whether a config runs the verifier's directions protocol. */
export function hasDirections(c: RunConfig): boolean {
  return c.filter.kind === 'verifier' && c.filter.protocol === 'directions';
}

/** Settings a final fit or the directions protocol cannot run with (checked before any sizes). */
export function regressionShapeIssues(c: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { family, dim: d } = c.model;
  const regression = family === 'linear-regression';
  const finalFit = hasFinalFit(c);
  const directions = hasDirections(c);
  // The final fit of seed 004's figure 4 follows a plain chain of OLS generators.
  if (finalFit) {
    if (c.data.mode !== 'replace') issues.push({ path: 'sampleSize.final', message: `a final fit needs data.mode replace, got '${c.data.mode}'` });
    else if (c.filter.kind !== 'none') issues.push({ path: 'sampleSize.final', message: `a final fit needs filter.kind none, got '${c.filter.kind}'` });
    else if (c.data.sharedDesign !== undefined) issues.push({ path: 'sampleSize.final', message: 'a final fit draws fresh designs; leave data.sharedDesign out' });
    else if (c.sampleSize.initial !== undefined) issues.push({ path: 'sampleSize.initial', message: 'has no effect with sampleSize.final: generation 0\'s generator is the truth itself' });
  }
  if (directions) {
    // Seed 002's final notebook: OLS on a design X0, then per-direction means of verified labels.
    if (!regression) issues.push({ path: 'filter.protocol', message: `'directions' is defined for linear-regression only, got ${family}` });
    else if (c.data.mode !== 'replace') issues.push({ path: 'filter.protocol', message: `'directions' needs data.mode replace, got '${c.data.mode}'` });
    else if (d > MAX_DIRECTIONS_DIM) issues.push({ path: 'model.dim', message: `the directions protocol diagonalises X0'X0 of d x d; d may be at most ${MAX_DIRECTIONS_DIM}, got ${d}` });
    else if ((c.model.spectrum ?? 'identity') !== 'identity') issues.push({ path: 'model.spectrum', message: "the directions protocol uses an identity design (Yi et al.'s verification notebook); got 'power'" });
    else if (c.data.sharedDesign !== undefined) issues.push({ path: 'data.sharedDesign', message: 'the directions protocol has its own design (filter.design); leave data.sharedDesign out' });
    else if (c.model.ridge !== undefined || c.model.ridgeExponent !== undefined) issues.push({ path: c.model.ridge !== undefined ? 'model.ridge' : 'model.ridgeExponent', message: 'the directions protocol fits by OLS and per-direction means; the ridge does not apply' });
  }
  return issues;
}

/** Sample sizes and penalties a regression chain needs to fit at all (checked once the shape is valid). */
export function regressionSizeIssues(c: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const d = c.model.dim;
  const regression = c.model.family === 'linear-regression';
  const finalFit = hasFinalFit(c);
  if (finalFit) {
    // The generators are OLS whatever the ridge (it applies to the final fit only).
    if (c.generations >= 1 && sampleSizeAt(c.sampleSize, 1) < d) issues.push({ path: 'sampleSize.n0', message: `the OLS generators in d = ${d} need at least ${d} pairs a generation, got ${sampleSizeAt(c.sampleSize, 1)}` });
    const T = c.sampleSize.final!;
    if (c.model.ridgeExponent === undefined && (c.model.ridge ?? 0) === 0) {
      if (T < d) issues.push({ path: 'sampleSize.final', message: `an OLS final fit in d = ${d} needs at least ${d} pairs (${d + 2} for the closed form), got ${T}; or set model.ridge` });
    } else if (T < d && ridgePenalty(c, T) < MIN_RANK_DEFICIENT_RIDGE) {
      const path = c.model.ridgeExponent !== undefined ? 'model.ridgeExponent' : 'model.ridge';
      issues.push({ path, message: `with T = ${T} < d = ${d} pairs the penalty ${ridgePenalty(c, T).toExponential(2)} is below ${MIN_RANK_DEFICIENT_RIDGE}, lost in rounding (X'X/T is singular); use a larger penalty or T >= d` });
    }
  }
  // OLS needs X'X invertible: at least d pairs (d + 2 for Theorem 4.1's closed form).
  if (regression && !finalFit && c.model.ridgeExponent === undefined && (c.model.ridge ?? 0) === 0) {
    const n0 = sampleSizeAt(c.sampleSize, 0);
    if (n0 < d) issues.push({ path: c.sampleSize.initial !== undefined ? 'sampleSize.initial' : 'sampleSize.n0', message: `OLS in d = ${d} needs at least ${d} pairs (${d + 2} for the closed form), got ${n0}; or set model.ridge` });
    else if (c.generations >= 1 && sampleSizeAt(c.sampleSize, 1) < d) issues.push({ path: 'sampleSize.n0', message: `OLS in d = ${d} needs at least ${d} pairs a generation, got ${sampleSizeAt(c.sampleSize, 1)}; or set model.ridge` });
  }
  if (regression && c.model.ridgeExponent === undefined && (c.model.ridge ?? 0) === 0 && c.data.mode === 'fresh' && c.generations >= 1 && c.data.realPerGeneration < d) {
    issues.push({ path: 'data.realPerGeneration', message: `OLS in d = ${d} needs at least ${d} real pairs a generation, got ${c.data.realPerGeneration}; or set model.ridge` });
  }
  // With fewer pairs than dimensions X'X/N is singular and only the penalty keeps the fit
  // positive definite; below MIN_RANK_DEFICIENT_RIDGE it drowns in rounding (about 1e-16 times
  // the design's unit scale), so the Cholesky factorisation meets a pivot <= 0 at generation 0.
  if (regression && !finalFit && (c.model.ridgeExponent !== undefined || (c.model.ridge ?? 0) > 0)) {
    const fewest = Math.min(sampleSizeAt(c.sampleSize, 0), c.generations >= 1 ? sampleSizeAt(c.sampleSize, 1) : Infinity);
    if (fewest < d) {
      // ridgePenalty decreases in n, so the largest sample size still below d has the smallest penalty.
      const worstN = Math.min(d - 1, maxSampleSize(c));
      const lambda = ridgePenalty(c, worstN);
      if (lambda < MIN_RANK_DEFICIENT_RIDGE) {
        const path = c.model.ridgeExponent !== undefined ? 'model.ridgeExponent' : 'model.ridge';
        issues.push({ path, message: `with n = ${worstN} < d = ${d} pairs the penalty ${lambda.toExponential(2)} is below ${MIN_RANK_DEFICIENT_RIDGE}, lost in rounding (X'X/N is singular); use a larger penalty or n >= d` });
      }
    }
  }
  if (regression && c.data.sharedDesign && c.replicates * c.sampleSize.n0 * d > MAX_VALUES_PER_GENERATION) {
    issues.push({ path: 'data.sharedDesign', message: `a shared design keeps R x n x d = ${c.replicates * c.sampleSize.n0 * d} values; the limit is ${MAX_VALUES_PER_GENERATION}` });
  }
  return issues;
}

/**
 * Why a verifier would keep no candidate at generation 1 whatever the fitted model, or undefined.
 * The acceptance of a ball (or a band) is largest when it is centred on the model that draws the
 * candidates (Anderson's inequality: a symmetric unimodal law puts the most mass on a symmetric
 * set centred on it), so the laws of theory/verifier.ts evaluated at offset 0 bound it from above.
 * Below MIN_EXPECTED_KEPT candidates a generation, every replicate keeping one is hopeless.
 * Only where that bound holds: a known Gaussian covariance, or an identity regression design.
 * The Gaussian ball applies to every data mode, as each generation must keep a candidate.
 */
export function hopelessVerifier(c: RunConfig): string | undefined {
  const { family, dim: d, estimate, sigma } = c.model;
  const n = sampleSizeAt(c.sampleSize, 1);
  const radius = c.filter.radius ?? 0;
  let acceptance: number;
  let what: string;
  if (family === 'linear-regression' && c.filter.protocol === 'directions') {
    // Every direction must reach k accepted labels; at the center a label passes with 2 Phi(h/sigma_0) - 1.
    const { k } = directionsSettings(c);
    const noise = regressionNoise(c).synthetic;
    acceptance = directionsVerifierLaw(noise, radius, c.filter.slack ?? 0).acceptance;
    if (acceptance > 0 && k / acceptance <= MAX_EXPECTED_DIRECTION_DRAWS) return undefined;
    return `a window of half-width ${radius} + ${c.filter.slack ?? 0} keeps a share ${acceptance.toExponential(2)} of labels with noise ${noise} even when centred on the model: ${k} accepted labels per direction would take more than ${MAX_EXPECTED_DIRECTION_DRAWS} draws; use a larger radius`;
  }
  if (family === 'gaussian' && estimate === 'mean') {
    acceptance = gaussianVerifierLaw(d, sigma, radius).acceptance;
    what = `a ball of radius ${radius} keeps a fraction ${acceptance.toExponential(2)} of candidates with sigma = ${sigma}`;
  } else if (family === 'linear-regression' && (c.model.spectrum ?? 'identity') === 'identity' && c.data.mode !== 'accumulate') {
    // (Accumulating regression refits on its pooled pairs, so a generation that keeps none is no failure.)
    const noise = regressionNoise(c).synthetic;
    if (noise === 0) return undefined;
    acceptance = regressionVerifierLaw(d, noise, radius, c.filter.slack ?? 0).acceptance;
    what = `a band of radius ${radius} and slack ${c.filter.slack ?? 0} keeps a fraction ${acceptance.toExponential(2)} of pairs with label noise ${noise}`;
  } else {
    return undefined;
  }
  if (!(n * acceptance < MIN_EXPECTED_KEPT)) return undefined;
  return `${what} even when centred on the model: about ${(n * acceptance).toExponential(2)} of the ${n} a generation, so it would keep none; use a larger radius`;
}

