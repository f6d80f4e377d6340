import { DEFAULT_CONFIG, defaultTruth } from './defaults';
import { ConfigError, showValue, type ConfigIssue } from './errors';
import { CONFIG_FIELDS, closestFieldPath, fieldSpec, type FieldSpec } from './fields';
import type { RunConfig } from './types';
import { maxSampleSize, sampleSizeAt } from '../core/schedules';
import { regressionNoise, ridgePenalty } from '../regression/design';
import { directionsVerifierLaw, gaussianVerifierLaw, regressionVerifierLaw } from '../theory/verifier';
import { MAX_DIRECTIONS_DIM, directionsSettings } from '../regression/directions';

/** Per-generation sample buffers are capped so a typo such as n0 = 1e9 fails fast, not by OOM. */
export const MAX_VALUES_PER_GENERATION = 1 << 25;

/** Largest |theta*| a config may ask for: squared errors of up to 4096 coordinates stay finite. */
export const MAX_TRUTH = 1e150;

/** Smallest ridge penalty that still makes X'X/N + lambda I positive definite in floating point when n < d. */
export const MIN_RANK_DEFICIENT_RIDGE = 1e-12;

/** Smallest gaussian sigma relative to |theta*| that samples near theta* still resolve (doubles' spacing is 2.2e-16 relative). */
export const MIN_RELATIVE_SIGMA = 1e-12;

/** Fewest candidates a verifier may expect to keep a generation (at most) before it is refused as keeping none. */
export const MIN_EXPECTED_KEPT = 1e-3;

/** Most draws a directions verifier may expect to need per direction and generation, at its center. */
export const MAX_EXPECTED_DIRECTION_DRAWS = 1 << 20;

/** Numbers the replicates keep between generations (parameters, pooled statistics): 512 MB. */
export const MAX_REPLICATE_STATE = 1 << 26;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a dotted path from a nested object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Writes a dotted path into a nested object, creating intermediate objects. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(cur[key])) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? structuredCloneJson(base) : structuredCloneJson(over);
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    out[key] = key in over ? deepMerge(base[key], over[key]) : structuredCloneJson(base[key]);
  }
  return out;
}

function structuredCloneJson(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Json);
}

/**
 * Parses a `--set` value: JSON when it parses (numbers, booleans, arrays), else the raw string,
 * as docs/cli.md says.
 */
export function parseOverrideValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Applies `PATH=VALUE` overrides to a partial config before validation. An unknown path is an
 * error naming it (with the closest known path as a hint); the input is not modified.
 */
export function applyOverrides(partial: unknown, overrides: readonly string[]): Record<string, unknown> {
  if (partial !== undefined && !isPlainObject(partial)) {
    throw new ConfigError([{ path: 'config', message: `expected a JSON object, got ${showValue(partial)}` }]);
  }
  const out = (partial === undefined ? {} : structuredCloneJson(partial)) as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  for (const item of overrides) {
    const eq = typeof item === 'string' ? item.indexOf('=') : -1;
    if (eq <= 0) {
      issues.push({ path: '--set', message: `expected PATH=VALUE, got ${showValue(item)}` });
      continue;
    }
    const path = item.slice(0, eq).trim();
    if (!fieldSpec(path)) {
      const hint = closestFieldPath(path);
      issues.push({ path: showPath(path), message: `unknown config field${hint ? ` (did you mean ${hint}?)` : ''}` });
      continue;
    }
    setPath(out, path, parseOverrideValue(item.slice(eq + 1)));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return out;
}

function collectUnknownPaths(value: unknown, prefix: string, issues: ConfigIssue[]): void {
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (fieldSpec(path)) continue;
    const isGroup = CONFIG_FIELDS.some((f) => f.path.startsWith(`${path}.`));
    if (isGroup && isPlainObject(child)) {
      collectUnknownPaths(child, path, issues);
    } else {
      const hint = closestFieldPath(path);
      issues.push({ path: showPath(path), message: `unknown config field${hint ? ` (did you mean ${hint}?)` : ''}` });
    }
  }
}

/**
 * An unknown path as a message shows it: as typed, unless it holds a line break or another
 * control character, or ': ' (which would end the path early for readers that split "path: reason"),
 * or starts with a quote, or is empty; then as a JSON string, so the message stays one line with
 * one unambiguous path.
 */
function showPath(path: string): string {
  return path === '' || /^"|[\u0000-\u001f\u007f-\u009f\u2028\u2029]|: /.test(path) ? JSON.stringify(path) : path;
}

function checkField(spec: FieldSpec, value: unknown): string | undefined {
  const range = (): string => {
    const lo = spec.above !== undefined ? `> ${spec.above}` : spec.min !== undefined ? `>= ${spec.min}` : '';
    const hi = spec.max !== undefined ? `<= ${spec.max}` : '';
    return [lo, hi].filter(Boolean).join(' and ');
  };
  const inRange = (v: number): boolean =>
    (spec.min === undefined || v >= spec.min) && (spec.above === undefined || v > spec.above) && (spec.max === undefined || v <= spec.max);
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${showValue(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.values!.includes(value)
        ? undefined
        : `expected one of ${spec.values!.join(', ')}, got ${showValue(value)}`;
    case 'integer': {
      const ok = typeof value === 'number' && Number.isInteger(value) && inRange(value);
      if (ok) return undefined;
      const what = spec.min === 1 ? 'a positive integer' : spec.min === 0 ? 'a non-negative integer' : 'an integer';
      const bound = spec.max !== undefined ? ` up to ${spec.max}` : '';
      return `expected ${what}${bound}, got ${showValue(value)}`;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && inRange(value)
        ? undefined
        : `expected a number ${range()}, got ${showValue(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${showValue(value)}`;
    case 'numberOrArray': {
      const ok =
        (typeof value === 'number' && Number.isFinite(value)) ||
        (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v)));
      return ok ? undefined : `expected a number or an array of numbers, got ${showValue(value)}`;
    }
  }
}

/** Checks that span fields: family-specific ranges, sample sizes large enough to fit, memory caps. */
function crossFieldIssues(c: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { family, dim: d, estimate, estimator } = c.model;
  const truth = c.model.truth ?? defaultTruth(family, d);
  const truthValues = typeof truth === 'number' ? [truth] : truth;
  if (Array.isArray(truth) && truth.length !== d) {
    issues.push({ path: 'model.truth', message: `expected ${d} numbers (model.dim), got ${truth.length}` });
  }
  const outOfRange = (ok: (v: number) => boolean, what: string): void => {
    const bad = truthValues.find((v) => !ok(v));
    if (bad !== undefined) issues.push({ path: 'model.truth', message: `expected ${what} for ${family}, got ${bad}` });
  };
  if (family === 'bernoulli') outOfRange((v) => v > 0 && v < 1, 'probabilities strictly between 0 and 1');
  if (family === 'poisson' || family === 'exponential') outOfRange((v) => v > 0, 'positive rates');
  // A truth beyond 1e150 has a squared error (or, for a rate below 1e-150, a mean 1/rate and
  // a variance) that overflows a double at generation 0: refused here instead of failing there.
  outOfRange((v) => Math.abs(v) <= MAX_TRUTH, `values of magnitude at most ${MAX_TRUTH} (their squared errors must fit in a double)`);
  if (family === 'exponential') outOfRange((v) => !(v > 0) || v >= 1 / MAX_TRUTH, `rates of at least ${1 / MAX_TRUTH} (the mean 1/rate and its square must fit in a double)`);
  // A spread far below the spacing of doubles near theta* is rounded away: every sample equals
  // the mean, the fitted covariance is 0 and the errors are rounding, not sampling.
  const largestTruth = Math.max(...truthValues.map(Math.abs));
  if (family === 'gaussian' && c.model.sigma < largestTruth * MIN_RELATIVE_SIGMA) {
    issues.push({ path: 'model.sigma', message: `${c.model.sigma} is lost in the rounding of samples near |theta*| = ${largestTruth}; it must be at least ${MIN_RELATIVE_SIGMA} x |theta*| = ${largestTruth * MIN_RELATIVE_SIGMA}` });
  }
  if (family !== 'gaussian' && estimate === 'mean-cov') {
    issues.push({ path: 'model.estimate', message: `'mean-cov' applies to gaussian only, got family ${family}` });
  }
  if (estimator === 'unbiased' && !(family === 'gaussian' && estimate === 'mean-cov')) {
    issues.push({ path: 'model.estimator', message: "'unbiased' changes only a fitted gaussian covariance (model.estimate = mean-cov); use 'mle'" });
  }
  const regression = family === 'linear-regression';
  if (!regression) {
    for (const key of ['noise', 'syntheticNoise', 'ridge', 'ridgeExponent', 'spectrum', 'spectrumExponent'] as const) {
      if (c.model[key] !== undefined) issues.push({ path: `model.${key}`, message: `applies only to model.family linear-regression, got ${family}` });
    }
    if (c.data.sharedDesign !== undefined) issues.push({ path: 'data.sharedDesign', message: `applies only to model.family linear-regression, got ${family}` });
    if (c.sampleSize.final !== undefined) issues.push({ path: 'sampleSize.final', message: `applies only to model.family linear-regression, got ${family}` });
  }
  if (c.data.mixing !== undefined && c.data.mode !== 'fresh') {
    issues.push({ path: 'data.mixing', message: `applies only when data.mode is 'fresh', got '${c.data.mode}'` });
  }
  // The final fit of seed 004's figure 4 follows a plain chain of OLS generators.
  const finalFit = regression && c.sampleSize.final !== undefined;
  if (finalFit) {
    if (c.data.mode !== 'replace') issues.push({ path: 'sampleSize.final', message: `a final fit needs data.mode replace, got '${c.data.mode}'` });
    else if (c.filter.kind !== 'none') issues.push({ path: 'sampleSize.final', message: `a final fit needs filter.kind none, got '${c.filter.kind}'` });
    else if (c.data.sharedDesign !== undefined) issues.push({ path: 'sampleSize.final', message: 'a final fit draws fresh designs; leave data.sharedDesign out' });
    else if (c.sampleSize.initial !== undefined) issues.push({ path: 'sampleSize.initial', message: 'has no effect with sampleSize.final: generation 0\'s generator is the truth itself' });
  }
  if (regression && (c.filter.kind === 'oracle' || c.filter.kind === 'neural')) {
    issues.push({ path: 'filter.kind', message: `'${c.filter.kind}' is not defined for linear-regression; use none or verifier` });
  }
  if (c.filter.kind === 'verifier' && family !== 'gaussian' && !regression) {
    issues.push({ path: 'filter.kind', message: `the verifier is defined for gaussian and linear-regression, got ${family}` });
  }
  // The slack sigma_c widens only the regression verifier's band; the Gaussian ball ||x - theta_c|| <= r
  // ignores it, so a Gaussian verifier without a radius would accept nothing at generation 1.
  if (c.filter.kind === 'verifier' && !((c.filter.radius ?? 0) > 0 || (regression && (c.filter.slack ?? 0) > 0))) {
    issues.push({ path: 'filter.radius', message: regression ? 'the verifier needs a positive radius (or slack)' : 'the verifier needs a positive radius (slack applies to linear-regression only)' });
  }
  if (c.filter.kind !== 'verifier') {
    for (const key of ['centerOffset', 'radius', 'slack', 'protocol', 'perDirection', 'design'] as const) {
      if (c.filter[key] !== undefined) issues.push({ path: `filter.${key}`, message: `applies only when filter.kind is 'verifier', got '${c.filter.kind}'` });
    }
  }
  const directions = c.filter.kind === 'verifier' && c.filter.protocol === 'directions';
  if (c.filter.kind === 'verifier' && !directions) {
    for (const key of ['perDirection', 'design'] as const) {
      if (c.filter[key] !== undefined) issues.push({ path: `filter.${key}`, message: `applies only when filter.protocol is 'directions', got '${c.filter.protocol ?? 'ball'}'` });
    }
  }
  if (directions) {
    // Seed 002's final notebook: OLS on a design X0, then per-direction means of verified labels.
    if (!regression) issues.push({ path: 'filter.protocol', message: `'directions' is defined for linear-regression only, got ${family}` });
    else if (c.data.mode !== 'replace') issues.push({ path: 'filter.protocol', message: `'directions' needs data.mode replace, got '${c.data.mode}'` });
    else if (d > MAX_DIRECTIONS_DIM) issues.push({ path: 'model.dim', message: `the directions protocol diagonalises X0'X0 of d x d; d may be at most ${MAX_DIRECTIONS_DIM}, got ${d}` });
    else if ((c.model.spectrum ?? 'identity') !== 'identity') issues.push({ path: 'model.spectrum', message: "the directions protocol uses an identity design (seed 002's notebook); got 'power'" });
    else if (c.data.sharedDesign !== undefined) issues.push({ path: 'data.sharedDesign', message: 'the directions protocol has its own design (filter.design); leave data.sharedDesign out' });
    else if (c.model.ridge !== undefined || c.model.ridgeExponent !== undefined) issues.push({ path: c.model.ridge !== undefined ? 'model.ridge' : 'model.ridgeExponent', message: 'the directions protocol fits by OLS and per-direction means; the ridge does not apply' });
  }
  if (c.data.sharedDesign && (c.sampleSize.schedule !== 'constant' || c.sampleSize.initial !== undefined)) {
    issues.push({ path: 'data.sharedDesign', message: 'a shared design needs the same n every generation (constant schedule, no initial)' });
  }
  if (c.filter.kind !== 'neural') {
    for (const key of ['id', 'weighting', 'labels', 'training'] as const) {
      if (c.filter[key] !== undefined) issues.push({ path: `filter.${key}`, message: `applies only when filter.kind is 'neural', got '${c.filter.kind}'` });
    }
  }
  if (c.sampleSize.schedule === 'power' && c.sampleSize.power === undefined) {
    issues.push({ path: 'sampleSize.power', message: "required when sampleSize.schedule is 'power'" });
  }
  if (issues.length > 0) return issues;

  // A fitted d x d covariance needs more than d samples to be positive definite.
  if (family === 'gaussian' && estimate === 'mean-cov') {
    const need = d + 1;
    const n0 = sampleSizeAt(c.sampleSize, 0);
    if (n0 < need) issues.push({ path: c.sampleSize.initial !== undefined ? 'sampleSize.initial' : 'sampleSize.n0', message: `a fitted ${d}x${d} covariance needs at least ${need} samples, got ${n0}` });
    const n1 = sampleSizeAt(c.sampleSize, 1);
    const kept = c.filter.kind === 'oracle' ? Math.round(c.filter.keepFraction * n1) : n1;
    if (c.generations >= 1 && c.data.mode !== 'accumulate' && kept < need) {
      issues.push({ path: c.filter.kind === 'oracle' ? 'filter.keepFraction' : 'sampleSize.n0', message: `generation 1 would fit a ${d}x${d} covariance on ${kept} samples; it needs at least ${need}` });
    }
    if (c.data.mode === 'fresh' && c.data.realPerGeneration < need) {
      issues.push({ path: 'data.realPerGeneration', message: `a fitted ${d}x${d} covariance needs at least ${need} samples, got ${c.data.realPerGeneration}` });
    }
  }
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
  // The replicates' own state (parameters, pooled statistics) is held for the whole run.
  const cov = family === 'gaussian' && estimate === 'mean-cov' ? d * d : 0;
  const pooled = c.data.mode === 'accumulate' ? (regression ? d * d + d + 1 : 2 + d + cov) : 0;
  const ownDirections = directions && directionsSettings(c).design === 'random' ? d * d : 0;
  const state = c.replicates * (d + cov + pooled + ownDirections + (c.sampleSize.final !== undefined ? d : 0));
  if (state > MAX_REPLICATE_STATE) {
    issues.push({ path: 'replicates', message: `${c.replicates} replicates of this model hold ${state} numbers; the limit is ${MAX_REPLICATE_STATE} (fewer replicates, or a smaller d)` });
  }
  const verifierProblem = c.generations >= 1 && c.filter.kind === 'verifier' ? hopelessVerifier(c) : undefined;
  if (verifierProblem) issues.push({ path: 'filter.radius', message: verifierProblem });
  // Schedules never decrease, so generation 1 keeps the fewest candidates of the run.
  if (c.filter.kind === 'oracle' && c.generations >= 1 && Math.round(c.filter.keepFraction * sampleSizeAt(c.sampleSize, 1)) < 1) {
    issues.push({ path: 'filter.keepFraction', message: `keeps round(${c.filter.keepFraction} x ${sampleSizeAt(c.sampleSize, 1)}) = 0 candidates at generation 1` });
  }
  const perGeneration = Math.max(maxSampleSize(c), c.data.mode === 'fresh' ? c.data.realPerGeneration : 0, c.sampleSize.final ?? 0) * d;
  if (perGeneration > MAX_VALUES_PER_GENERATION) {
    issues.push({ path: 'sampleSize.n0', message: `the schedule reaches ${maxSampleSize(c)} samples of dimension ${d} in one generation; the limit is ${MAX_VALUES_PER_GENERATION} values` });
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
function hopelessVerifier(c: RunConfig): string | undefined {
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

/**
 * Fills defaults into a partial config and validates every field (docs/cli.md paths). Throws a
 * ConfigError naming the first bad field and why ("replicates: expected a positive integer, got -5").
 */
export function resolveConfig(partial: unknown): RunConfig {
  if (!isPlainObject(partial)) throw new ConfigError([{ path: 'config', message: `expected a JSON object, got ${showValue(partial)}` }]);
  const issues: ConfigIssue[] = [];
  collectUnknownPaths(partial, '', issues);
  const merged = deepMerge(DEFAULT_CONFIG, partial) as Record<string, unknown>;
  for (const spec of CONFIG_FIELDS) {
    const value = getPath(merged, spec.path);
    if (value === undefined && spec.optional) continue;
    if (value === undefined) {
      issues.push({ path: spec.path, message: 'required' });
      continue;
    }
    const problem = checkField(spec, value);
    if (problem) issues.push({ path: spec.path, message: problem });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const config = merged as unknown as RunConfig;
  const cross = crossFieldIssues(config);
  if (cross.length > 0) throw new ConfigError(cross);
  return config;
}
