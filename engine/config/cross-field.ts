import type { ConfigIssue } from './errors';
import { appliesIssues } from './check-field';
import { defaultTruth } from './defaults';
import { FAMILY_SPECS } from './family-specs';
import { MAX_REPLICATE_STATE, MAX_VALUES_PER_GENERATION, MIN_RELATIVE_SIGMA } from './limits';
import { FAMILIES, type Estimate, type FilterKind } from './names';
import { neuralIssues } from './neural-checks';
import { kernelRidgeIssues } from './kernel-ridge-checks';
import { hasDirections, hopelessVerifier, regressionShapeIssues, regressionSizeIssues } from './regression-checks';
import type { RunConfig } from './types';
import { statisticProblem } from './sampling';
import { maxSampleSize, sampleSizeAt } from '../core/schedules';
import { directionsSettings } from '../regression/directions';
import { mixtureIssues } from '../mixture/mixture-checks';
import { pathIssues } from './path-checks';

/** The families (FAMILY_SPECS) for which an estimate is defined. */
function familiesWith(has: (spec: (typeof FAMILY_SPECS)[keyof typeof FAMILY_SPECS]) => boolean): string {
  return FAMILIES.filter((f) => has(FAMILY_SPECS[f])).join(' and ');
}

/** Checks that span fields: family-specific ranges, sample sizes large enough to fit, memory caps. */
export function crossFieldIssues(c: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { family, dim: d, estimate, estimator } = c.model;
  const truth = c.model.truth ?? defaultTruth(family, d);
  const truthValues = typeof truth === 'number' ? [truth] : truth;
  if (Array.isArray(truth) && truth.length !== d) {
    issues.push({ path: 'model.truth', message: `expected ${d} numbers (model.dim), got ${truth.length}` });
  }
  const spec = FAMILY_SPECS[family];
  for (const rule of spec.truthRules) {
    const bad = truthValues.find((v) => !rule.ok(v));
    if (bad !== undefined) issues.push({ path: 'model.truth', message: `expected ${rule.what} for ${family}, got ${bad}` });
  }
  // A spread far below the spacing of doubles near theta* is rounded away: every sample equals
  // the mean, the fitted covariance is 0 and the errors are rounding, not sampling.
  const largestTruth = Math.max(...truthValues.map(Math.abs));
  if (family === 'gaussian' && c.model.sigma < largestTruth * MIN_RELATIVE_SIGMA) {
    issues.push({ path: 'model.sigma', message: `${c.model.sigma} is lost in the rounding of samples near |theta*| = ${largestTruth}; it must be at least ${MIN_RELATIVE_SIGMA} x |theta*| = ${largestTruth * MIN_RELATIVE_SIGMA}` });
  }
  if (!spec.estimates.includes(estimate)) {
    issues.push({ path: 'model.estimate', message: `'${estimate}' applies to ${familiesWith((f) => f.estimates.includes(estimate as Estimate))} only, got family ${family}` });
  }
  if (estimator === 'unbiased' && !(family === 'gaussian' && estimate === 'mean-cov')) {
    issues.push({ path: 'model.estimator', message: "'unbiased' changes only a fitted gaussian covariance (model.estimate = mean-cov); use 'mle'" });
  }
  const regression = family === 'linear-regression';
  issues.push(...appliesIssues(c), ...regressionShapeIssues(c), ...neuralIssues(c));
  const kind: FilterKind = c.filter.kind;
  if (!spec.filters.includes(kind)) {
    const why = spec.refusals?.[kind];
    issues.push({ path: 'filter.kind', message: `'${kind}' is not defined for ${family}${why ? ` (${why})` : ''}; use ${spec.filters.join(' or ')}` });
  }
  // The slack sigma_c widens only the regression verifier's band; the Gaussian ball ||x - theta_c|| <= r
  // ignores it, so a Gaussian verifier without a radius would accept nothing at generation 1.
  if (c.filter.kind === 'verifier' && !((c.filter.radius ?? 0) > 0 || (regression && (c.filter.slack ?? 0) > 0))) {
    issues.push({ path: 'filter.radius', message: regression ? 'the verifier needs a positive radius (or slack)' : 'the verifier needs a positive radius (slack applies to linear-regression only)' });
  }
  if (c.data.sharedDesign && (c.sampleSize.schedule !== 'constant' || c.sampleSize.initial !== undefined)) {
    issues.push({ path: 'data.sharedDesign', message: 'a shared design needs the same n every generation (constant schedule, no initial)' });
  }
  const noStatistic = c.engine?.sampling === 'statistic' ? statisticProblem(c) : undefined;
  if (noStatistic) issues.push({ path: 'engine.sampling', message: `'statistic' does not apply: ${noStatistic}; use 'samples' or 'auto'` });
  if (c.sampleSize.schedule === 'power' && c.sampleSize.power === undefined) {
    issues.push({ path: 'sampleSize.power', message: "required when sampleSize.schedule is 'power'" });
  }
  if (family === 'gaussian-mixture') issues.push(...mixtureIssues(c));
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
  issues.push(...regressionSizeIssues(c), ...kernelRidgeIssues(c));
  // The replicates' own state (parameters, pooled statistics) is held for the whole run.
  const cov = family === 'gaussian' && estimate === 'mean-cov' ? d * d : 0;
  const pooled = c.data.mode === 'accumulate' ? (regression ? d * d + d + 1 : 2 + d + cov) : 0;
  const ownDirections = hasDirections(c) && directionsSettings(c).design === 'random' ? d * d : 0;
  const state = c.replicates * (d + cov + pooled + ownDirections + (c.sampleSize.final !== undefined ? d : 0));
  if (state > MAX_REPLICATE_STATE) {
    issues.push({ path: 'replicates', message: `${c.replicates} replicates of this model hold ${state} numbers; the limit is ${MAX_REPLICATE_STATE} (fewer replicates, or a smaller d)` });
  }
  if (family !== 'gaussian-mixture') issues.push(...pathIssues(c, d + cov));
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
