import type { ConfigIssue } from '../config/errors';
import { pathIssues } from '../config/path-checks';
import type { RunConfig } from '../config/types';
import { cholesky } from '../families/gaussian';
import { sampleSizeAt } from '../core/schedules';
import { pooledPoints } from './mixture-block';
import { mixtureParamSize, truthComponents } from './settings';

/** Most pooled values an accumulating gaussian-mixture run may hold (R x points x d): 200 MB of doubles. */
export const MAX_MIXTURE_POOL = 25_000_000;

const DATASET_DIM: Readonly<Record<string, number>> = { moons: 2, circles: 2, 'swiss-roll': 3 };

/** The gaussian-mixture checks that span fields (cross-field.ts calls them for that family only). */
export function mixtureIssues(c: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const m = c.model;
  const d = m.dim;
  const dataset = m.dataset ?? 'mixture';
  const K = m.components ?? 2;
  if (m.truth !== undefined) issues.push({ path: 'model.truth', message: 'gaussian-mixture takes its truth from model.weights, model.means and model.covariances (or model.dataset)' });
  const need = DATASET_DIM[dataset];
  if (need !== undefined && d !== need) issues.push({ path: 'model.dim', message: `scikit-learn's ${dataset} is ${need}-dimensional; got model.dim ${d}` });
  const hasDensity = dataset === 'mixture' || dataset === 'blobs';
  if (!hasDensity) {
    for (const key of ['weights', 'means', 'covariances'] as const) {
      if (m[key] !== undefined) issues.push({ path: `model.${key}`, message: `applies to model.dataset mixture or blobs, got ${dataset}` });
    }
  }
  if (dataset === 'blobs') {
    for (const key of ['weights', 'covariances'] as const) {
      if (m[key] !== undefined) issues.push({ path: `model.${key}`, message: 'blobs draws equal counts around model.means with spread model.sigma (make_blobs); use model.dataset mixture' });
    }
  }
  if (dataset !== 'circles' && m.circleFactor !== undefined) issues.push({ path: 'model.circleFactor', message: `applies to model.dataset circles, got ${dataset}` });
  if (hasDensity && m.datasetNoise !== undefined) issues.push({ path: 'model.datasetNoise', message: `applies to model.dataset moons, circles or swiss-roll, got ${dataset}` });
  const Kt = hasDensity ? truthComponents(c) : 0;
  if (typeof m.weights === 'number' || typeof m.means === 'number' || typeof m.covariances === 'number') {
    issues.push({ path: 'model.weights', message: 'weights, means and covariances are arrays (K* weights, K* d means, K* d d covariances)' });
    return issues;
  }
  if (Array.isArray(m.weights)) {
    if (m.weights.some((w) => !(w > 0))) issues.push({ path: 'model.weights', message: 'expected positive weights' });
    const total = m.weights.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-9) issues.push({ path: 'model.weights', message: `expected weights summing to 1, got ${total}` });
  }
  if (m.means !== undefined && m.means.length !== Kt * d) issues.push({ path: 'model.means', message: `expected ${Kt} x ${d} = ${Kt * d} numbers (K* components of model.dim), got ${m.means.length}` });
  if (m.covariances !== undefined) {
    if (m.covariances.length !== Kt * d * d) {
      issues.push({ path: 'model.covariances', message: `expected ${Kt} x ${d} x ${d} = ${Kt * d * d} numbers, got ${m.covariances.length}` });
    } else {
      const cov = Float64Array.from(m.covariances);
      for (let k = 0; k < Kt; k++) {
        let symmetric = true;
        for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) if (cov[k * d * d + a * d + b] !== cov[k * d * d + b * d + a]) symmetric = false;
        const problem = cholesky(cov, k * d * d, d, new Float64Array(d * d));
        if (!symmetric || problem) issues.push({ path: 'model.covariances', message: `component ${k + 1}'s covariance is not symmetric positive definite` });
      }
    }
  }
  if (c.filter.kind === 'oracle' && !hasDensity) {
    issues.push({ path: 'filter.kind', message: `the oracle ranks candidates by log-likelihood under the truth, and scikit-learn's ${dataset} has no density in closed form; use model.dataset mixture or blobs` });
  }
  if (c.data.mode === 'fresh' && c.data.mixing === 'separate') {
    issues.push({ path: 'data.mixing', message: "gaussian-mixture mixes real and synthetic points in one weighted EM fit ('pooled'): averaging two mixtures' parameters has no meaning when their components can swap labels" });
  }
  if (issues.length > 0) return issues;
  // Every component needs d + 1 points; EM cannot start on fewer than K (d + 1).
  const least = K * (d + 1);
  const n0 = sampleSizeAt(c.sampleSize, 0);
  if (n0 < least) issues.push({ path: c.sampleSize.initial !== undefined ? 'sampleSize.initial' : 'sampleSize.n0', message: `${K} components in ${d} dimensions need at least ${least} points, got ${n0}` });
  const n1 = sampleSizeAt(c.sampleSize, 1);
  const kept1 = c.filter.kind === 'oracle' ? Math.round(c.filter.keepFraction * n1) : n1;
  if (c.generations >= 1 && c.data.mode === 'replace' && kept1 < least) {
    issues.push({ path: c.filter.kind === 'oracle' ? 'filter.keepFraction' : 'sampleSize.n0', message: `generation 1 would fit ${K} components on ${kept1} points; it needs at least ${least}` });
  }
  if (c.data.mode === 'accumulate') {
    const values = c.replicates * pooledPoints(c) * d;
    if (values > MAX_MIXTURE_POOL) issues.push({ path: 'replicates', message: `accumulating ${c.replicates} replicates holds ${values} values of pooled points; the limit is ${MAX_MIXTURE_POOL} (fewer replicates, generations or points)` });
  }
  issues.push(...pathIssues(c, mixtureParamSize(K, d)));
  return issues;
}
