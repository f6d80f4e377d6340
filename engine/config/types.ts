/**
 * The run configuration: one JSON object whose dotted paths are fixed by contract.md
 * ("Config fields that must keep these paths"). Everything here is plain data so that it
 * crosses worker, IPC and SQLite boundaries unchanged.
 */

import type { LabelingSettings, TrainingSettings } from '../neural/types';

export type Family = 'gaussian' | 'poisson' | 'bernoulli' | 'exponential';
export type Estimate = 'mean' | 'mean-cov';
export type Estimator = 'mle' | 'unbiased';
export type Schedule = 'constant' | 'sqrt' | 'linear' | 'power';
export type DataMode = 'replace' | 'accumulate' | 'fresh';
export type FilterKind = 'none' | 'oracle' | 'neural';

export interface ModelConfig {
  family: Family;
  /** d: dimension of the data; every family is d independent coordinates except a full-covariance Gaussian. */
  dim: number;
  /** gaussian only: `mean` (covariance known, sigma^2 I) or `mean-cov` (both fitted). */
  estimate: Estimate;
  /** `mle` divides the covariance by n, `unbiased` by n - 1 (or the reliability-weight analogue). */
  estimator: Estimator;
  /** gaussian: true per-coordinate standard deviation sigma. */
  sigma: number;
  /**
   * The true parameter theta*, per coordinate (one number for all, or d numbers):
   * gaussian mean, poisson rate, bernoulli success probability, exponential rate.
   */
  truth?: number | number[];
}

export interface SampleSizeConfig {
  schedule: Schedule;
  /** n0: base sample size of the schedule n_t = ceil(n0 (t + 1)^p). */
  n0: number;
  /** p for `power` (ignored otherwise: constant 0, sqrt 0.5, linear 1). */
  power?: number;
  /** real samples at generation 0; when absent, n_0 from the schedule. */
  initial?: number;
}

export interface DataConfig {
  mode: DataMode;
  /** fresh: real samples drawn anew every generation (n_real). */
  realPerGeneration: number;
  /** fresh: weight w of the real part, theta_t = w theta_real + (1 - w) theta_syn. */
  realWeight: number;
}

export interface FilterConfig {
  kind: FilterKind;
  /** oracle: fraction q of candidates kept, the q closest to the truth by log-likelihood. */
  keepFraction: number;
  /** neural: a stored filter to reuse; without it the run trains one from `labels` and `training`. */
  id?: string;
  /** neural: `soft` weights into the weighted MLE (default), or `hard` keeps w_i > 0.5. */
  weighting?: 'soft' | 'hard';
  /** neural: machine labelling of the inline filter (experiments.md section 4, "Labels"). */
  labels?: Partial<LabelingSettings>;
  /** neural: training settings of the inline filter (experiments.md section 4, "Loss"). */
  training?: Partial<TrainingSettings>;
}

export interface RunConfig {
  name: string;
  /** The preset this config started from, if any (informational). */
  preset?: string;
  seed: number;
  /** R: independent chains advanced side by side. */
  replicates: number;
  /** T: last generation index; a run has T + 1 generations 0..T. */
  generations: number;
  model: ModelConfig;
  sampleSize: SampleSizeConfig;
  data: DataConfig;
  filter: FilterConfig;
}
