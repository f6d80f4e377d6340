import type { EmptyComponentRule, MixtureDataset, RunConfig } from '../config/types';

/**
 * A gaussian-mixture config's settings with their defaults filled in (docs/cli.md, config fields
 * `model.*` of gaussian-mixture). The defaults live here, not in DEFAULT_CONFIG, so configs of the
 * other families (and their stored exports) do not change.
 */
export interface MixtureSettings {
  readonly d: number;
  /** K, the components EM fits. */
  readonly components: number;
  readonly dataset: MixtureDataset;
  /** The truth's components (mixture, blobs): K* weights, K* d means, K* d d covariances; empty otherwise. */
  readonly truthWeights: Float64Array;
  readonly truthMeans: Float64Array;
  readonly truthCovariances: Float64Array;
  readonly noise: number;
  readonly circleFactor: number;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly empty: EmptyComponentRule;
  /** M: the fixed evaluation sample of the truth, and the draws from each fit that measure its tails. */
  readonly evalSamples: number;
  /** scikit-learn's reg_covar: added to every fitted covariance's diagonal so a fit stays positive definite. */
  readonly regularization: number;
}

/** Numbers per replicate in GenerationRaw.mixture: distance, its MC SE, tails, min weight, live components, re-seeds. */
export const MIXTURE_STRIDE = 6;

/** scikit-learn GaussianMixture's defaults: tol 1e-3, max_iter 100, reg_covar 1e-6. */
export const EM_DEFAULTS = { tolerance: 1e-3, maxIterations: 100, regularization: 1e-6 } as const;

/** The truth's number of components: K* weights, or K* means of d numbers, or two. */
export function truthComponents(config: Readonly<RunConfig>): number {
  const m = config.model;
  if (Array.isArray(m.weights)) return m.weights.length;
  if (Array.isArray(m.means)) return Math.max(1, Math.floor(m.means.length / m.dim));
  return 2;
}

/** Settings of a validated gaussian-mixture config. */
export function mixtureSettings(config: Readonly<RunConfig>): MixtureSettings {
  const m = config.model;
  const d = m.dim;
  const dataset = m.dataset ?? 'mixture';
  const hasDensity = dataset === 'mixture' || dataset === 'blobs';
  const Kt = hasDensity ? truthComponents(config) : 0;
  const weights = new Float64Array(Kt);
  const means = new Float64Array(Kt * d);
  const covs = new Float64Array(Kt * d * d);
  for (let k = 0; k < Kt; k++) {
    // blobs draws equal counts per center (make_blobs), so its density has equal weights.
    const w = dataset === 'mixture' && m.weights !== undefined ? (typeof m.weights === 'number' ? m.weights : m.weights[k]) : 1 / Kt;
    weights[k] = w;
    for (let j = 0; j < d; j++) {
      // Default means: -2 e_1 and 2 e_1 (two components 4 sigma apart), spread evenly for K* > 2.
      means[k * d + j] = m.means !== undefined ? m.means[k * d + j] : j === 0 ? (Kt === 1 ? 0 : -2 + (4 * k) / (Kt - 1)) : 0;
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const i = k * d * d + a * d + b;
        covs[i] = dataset === 'mixture' && m.covariances !== undefined ? m.covariances[i] : a === b ? m.sigma * m.sigma : 0;
      }
    }
  }
  return {
    d,
    components: m.components ?? 2,
    dataset,
    truthWeights: weights,
    truthMeans: means,
    truthCovariances: covs,
    noise: m.datasetNoise ?? 0.1,
    circleFactor: m.circleFactor ?? 0.8,
    tolerance: m.emTolerance ?? EM_DEFAULTS.tolerance,
    maxIterations: m.emMaxIterations ?? EM_DEFAULTS.maxIterations,
    empty: m.emptyComponent ?? 'reseed',
    evalSamples: m.evalSamples ?? 1000,
    regularization: EM_DEFAULTS.regularization,
  };
}

/** Numbers per replicate of a K-component fit in d dimensions: K weights, K d means, K d d covariances. */
export function mixtureParamSize(K: number, d: number): number {
  return K * (1 + d + d * d);
}

/** KL where the truth has a density (mixture, blobs), the cross-entropy for the other generators. */
export function mixtureDistanceKind(config: Readonly<RunConfig>): 'kl' | 'cross-entropy' {
  const dataset = config.model.dataset ?? 'mixture';
  return dataset === 'mixture' || dataset === 'blobs' ? 'kl' : 'cross-entropy';
}
