import type { DataMixing, RunConfig } from '../config/types';

/** Eigenvalues of the design covariance: all 1, or the power law lambda_j = j^-beta (seed 004 section 5). */
export function designSpectrum(config: Readonly<RunConfig>): Float64Array {
  const d = config.model.dim;
  const out = new Float64Array(d).fill(1);
  if (config.model.spectrum === 'power') {
    const beta = config.model.spectrumExponent ?? 1;
    for (let j = 0; j < d; j++) out[j] = Math.pow(j + 1, -beta);
  }
  return out;
}

/** sigma of real labels and sigma_0 of synthetic ones (docs/cli.md: syntheticNoise defaults to noise). */
export function regressionNoise(config: Readonly<RunConfig>): { real: number; synthetic: number } {
  const real = config.model.noise ?? 1;
  return { real, synthetic: config.model.syntheticNoise ?? real };
}

/** The ridge penalty for a fit on n pairs: n^-l when adaptive, else the fixed lambda (0 = OLS). */
export function ridgePenalty(config: Readonly<RunConfig>, n: number): number {
  const l = config.model.ridgeExponent;
  return l !== undefined ? Math.pow(n, -l) : (config.model.ridge ?? 0);
}

/** The verifier's center theta_c = theta* + offset * (1, ..., 1)/sqrt(d) (seed 002's knowledge ball). */
export function verifierCenter(truth: Float64Array, offset: number): Float64Array {
  const d = truth.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = truth[j] + offset / Math.sqrt(d);
  return out;
}

/**
 * How a `fresh` generation combines its real and synthetic parts (docs/experiments.md section 3):
 * `data.mixing`, or by default the estimator of seed 003's code for the family. Its regression
 * (RandomLR) is one pooled least-squares fit with per-sample weights w/n_real and (1 - w)/n_syn;
 * its Gaussian estimator mixes the two fits' mean and covariance. For a mean the two coincide
 * (each part's weights sum to its share), so only the fitted covariance and the exponential rate
 * tell them apart; the default keeps the paper's Gaussian estimator, `separate`, off regression.
 */
export function dataMixing(config: Readonly<RunConfig>): DataMixing {
  return config.data.mixing ?? (config.model.family === 'linear-regression' ? 'pooled' : 'separate');
}
