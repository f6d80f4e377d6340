/**
 * The run configuration: one JSON object whose dotted paths are fixed by docs/cli.md
 * ("Config fields that must keep these paths"). Everything here is plain data so that it
 * crosses worker, IPC and SQLite boundaries unchanged.
 */

import type { LabelingSettings, TrainingSettings } from '../neural/types';

import type { DataMixing, DataMode, EmptyComponentRule, Estimate, Estimator, Family, FilterKind, KernelName, MixtureDataset, RidgeRule, Sampling, Schedule, Spectrum, VerifierDesign, VerifierProtocol, Weighting } from './names';

export type { DataMixing, DataMode, EmptyComponentRule, Estimate, Estimator, Family, FilterKind, MixtureDataset, Sampling, Schedule, Spectrum, VerifierDesign, VerifierProtocol, Weighting } from './names';

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
  /** regression: std of the real labels' noise (sigma). */
  noise?: number;
  /** regression: std of the noise on synthetic labels (sigma_0); `noise` when absent. */
  syntheticNoise?: number;
  /** regression: ridge penalty lambda of (X'X/n + lambda I)^-1 X'y/n (0 = OLS). */
  ridge?: number;
  /** regression: adaptive ridge lambda = n^-l (Dohmatob et al. section 5); overrides `ridge`. */
  ridgeExponent?: number;
  /** regression: design covariance, `identity` or a power-law spectrum lambda_j = j^-beta. */
  spectrum?: Spectrum;
  /** regression: beta of the power-law spectrum. */
  spectrumExponent?: number;
  /** gaussian-mixture: K, the components fitted by EM (default 2). */
  components?: number;
  /** gaussian-mixture: the truth, `mixture` (weights, means, covariances) or a scikit-learn generator (default mixture). */
  dataset?: MixtureDataset;
  /** gaussian-mixture `mixture`: the truth's K* weights (default equal). */
  weights?: number | number[];
  /** gaussian-mixture `mixture`, `blobs`: the truth's K* means, component-major (K* d numbers; default +-2 e_1). */
  means?: number[];
  /** gaussian-mixture `mixture`: K* d x d covariances, row-major (default sigma^2 I each). */
  covariances?: number[];
  /** gaussian-mixture `moons`, `circles`, `swiss-roll`: scikit-learn's `noise` (default 0.1). */
  datasetNoise?: number;
  /** gaussian-mixture `circles`: scikit-learn's `factor`, inner radius over outer (default 0.8). */
  circleFactor?: number;
  /** gaussian-mixture: EM stops when the mean log-likelihood changes by less (default 1e-3, scikit-learn's tol). */
  emTolerance?: number;
  /** gaussian-mixture: EM iteration cap (default 100, scikit-learn's max_iter). */
  emMaxIterations?: number;
  /** gaussian-mixture: a component left with fewer than d + 1 effective points is re-seeded or dropped (default reseed). */
  emptyComponent?: EmptyComponentRule;
  /** gaussian-mixture: M, the fixed evaluation sample of the truth and the draws that measure the tails (default 1000). */
  evalSamples?: number;
  /** kernel-ridge: the kernel (seed 004, Figure 5). */
  kernel?: KernelName;
  /** kernel-ridge: gamma of exp(-gamma ||x - x'||^2) or (1 + gamma <x, x'>)^degree, pixels in [0, 1]. */
  kernelGamma?: number;
  /** kernel-ridge, poly: the degree. */
  kernelDegree?: number;
  /** kernel-ridge: capacity alpha (eigenvalues k^-alpha) and source r, which give l_crit = alpha / (1 + 2 alpha r). */
  capacity?: number;
  source?: number;
  /** kernel-ridge: the final fit's exponent of lambda = T^-l, l_crit or l* = (log T0 / log T) l_crit. */
  ridgeRule?: RidgeRule;
  /** kernel-ridge: test digits the final fit is scored on (the first ones of MNIST's test split). */
  testDigits?: number;
}

export interface SampleSizeConfig {
  schedule: Schedule;
  /** n0: base sample size of the schedule n_t = ceil(n0 (t + 1)^p). */
  n0: number;
  /** p for `power` (ignored otherwise: constant 0, sqrt 0.5, linear 1). */
  power?: number;
  /** real samples at generation 0; when absent, n_0 from the schedule. */
  initial?: number;
  /**
   * regression: T, the sample size of a final fit made at every generation on fresh pairs labelled
   * by that generation's model with the real noise sigma (Dohmatob et al., figure 4: the chain is
   * their fake-data generators, started at the truth; errors are the final model's).
   */
  final?: number;
}

export interface DataConfig {
  mode: DataMode;
  /** fresh: real samples drawn anew every generation (n_real). */
  realPerGeneration: number;
  /** fresh: weight w of the real part, theta_t = w theta_real + (1 - w) theta_syn. */
  realWeight: number;
  /** regression: one design X per replicate reused every generation (needs a constant n). */
  sharedDesign?: boolean;
  /**
   * fresh: `separate` mixes two fits, w theta(real) + (1 - w) theta(syn); `pooled` makes one
   * weighted fit with per-sample weights w/n_real and (1 - w)/n_syn (seed 003's code for
   * regression). Absent: pooled for linear-regression, separate for the other families.
   */
  mixing?: DataMixing;
}

export interface FilterConfig {
  kind: FilterKind;
  /** oracle: fraction q of candidates kept, the q closest to the truth by log-likelihood. */
  keepFraction: number;
  /** neural: a stored filter to reuse; without it the run trains one from `labels` and `training`. */
  id?: string;
  /** neural: `soft` weights into the weighted MLE (default), or `hard` keeps w_i > 0.5. */
  weighting?: Weighting;
  /** neural: machine labelling of the inline filter (docs/experiments.md section 4, "Labels"). */
  labels?: Partial<LabelingSettings>;
  /** neural: training settings of the inline filter (docs/experiments.md section 4, "Loss"). */
  training?: Partial<TrainingSettings>;
  /** verifier: distance ||theta_c - theta*|| of the knowledge ball's center (seed 002). */
  centerOffset?: number;
  /** verifier: radius r of the knowledge ball. */
  radius?: number;
  /** verifier (regression): slack sigma_c of |y - x'theta_c| <= r ||x|| + sigma_c. */
  slack?: number;
  /**
   * verifier (regression): `ball` (default) verifies pairs with random inputs x ~ N(0, Sigma);
   * `directions` labels the right singular vectors v_j of a design X0 and resamples until
   * `perDirection` labels pass |y - v_j' theta_c| <= r ||v_j|| + sigma_c along each (seed 002's
   * final notebook).
   */
  protocol?: VerifierProtocol;
  /** verifier, directions: k, the labels accepted along each direction every generation (default 100). */
  perDirection?: number;
  /** verifier, directions: `fixed` one design X0 for the whole run (default), `random` one per replicate. */
  design?: VerifierDesign;
}

/** How the engine computes what the config defines (the numbers' law does not depend on it). */
export interface EngineConfig {
  /**
   * `samples` draws every sample; `statistic` draws each fit's sufficient statistic from its exact
   * law (no filter, families with a statistic sampler); `auto` is `statistic` where it applies.
   * Absent: `samples`, so a config written before the field (a stored run) gives its numbers again.
   */
  sampling?: Sampling;
}

/** What a run keeps beyond the per-generation summaries. */
export interface RecordConfig {
  /** The first K replicates' parameter vectors at every generation, exported as `paths` (absent or 0: none). */
  paths?: number;
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
  engine?: EngineConfig;
  record?: RecordConfig;
}
