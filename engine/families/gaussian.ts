import type { Estimate, Estimator } from '../config/types';
import { normal } from '../random/ziggurat';
import { fillNormals } from '../random/normal-block';
import type { Xoshiro128 } from '../random/xoshiro';
import type { FamilyKernel } from './family';

/**
 * Gaussian N(mu, Sigma) with truth N(mu*, sigma^2 I). `mean`: Sigma = sigma^2 I is known and only
 * mu is fitted (block [mu]). `mean-cov`: both are fitted (block [mu, Sigma]); the MLE divides the
 * scatter by W, the unbiased estimator by W - W2/W (reliability weights; n - 1 when all w = 1).
 */
export class GaussianKernel implements FamilyKernel {
  readonly paramSize: number;
  readonly fullMoments: boolean;
  private readonly chol: Float64Array;
  private readonly z: Float64Array;

  constructor(
    readonly d: number,
    readonly estimate: Estimate,
    readonly estimator: Estimator,
    readonly sigma: number,
    private readonly truth: Float64Array,
  ) {
    this.fullMoments = estimate === 'mean-cov';
    this.paramSize = d + (this.fullMoments ? d * d : 0);
    this.chol = new Float64Array(d * d);
    this.z = new Float64Array(d);
  }

  writeTruth(params: Float64Array, offset: number): void {
    const d = this.d;
    for (let j = 0; j < d; j++) params[offset + j] = this.truth[j];
    if (!this.fullMoments) return;
    const s = offset + d;
    for (let j = 0; j < d * d; j++) params[s + j] = 0;
    for (let j = 0; j < d; j++) params[s + j * d + j] = this.sigma * this.sigma;
  }

  prepare(params: Float64Array, offset: number): string | undefined {
    if (!this.fullMoments) return undefined;
    return cholesky(params, offset + this.d, this.d, this.chol);
  }

  sample(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, outOffset: number): void {
    const d = this.d;
    if (!this.fullMoments) {
      const s = this.sigma;
      for (let j = 0; j < d; j++) out[outOffset + j] = params[offset + j] + s * normal(rng);
      return;
    }
    const z = this.z;
    const L = this.chol;
    for (let j = 0; j < d; j++) z[j] = normal(rng);
    for (let j = 0; j < d; j++) {
      let v = params[offset + j];
      for (let k = 0; k <= j; k++) v += L[j * d + k] * z[k];
      out[outOffset + j] = v;
    }
  }

  /**
   * All n d standard normals in one block (normal-block.ts), then x = mu + sigma z, or
   * mu + L z with the rows transformed in place from the last coordinate down (x_j needs
   * z_0..z_j only). Row i holds the same draws `sample` would give it.
   */
  sampleMany(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, n: number): void {
    const d = this.d;
    fillNormals(rng, out, 0, n * d);
    if (!this.fullMoments) {
      const s = this.sigma;
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let j = 0; j < d; j++) out[o + j] = params[offset + j] + s * out[o + j];
      }
      return;
    }
    const L = this.chol;
    for (let i = 0; i < n; i++) {
      const o = i * d;
      for (let j = d - 1; j >= 0; j--) {
        let v = params[offset + j];
        for (let k = 0; k <= j; k++) v += L[j * d + k] * out[o + k];
        out[o + j] = v;
      }
    }
  }

  center(params: Float64Array, offset: number, out: Float64Array): void {
    for (let j = 0; j < this.d; j++) out[j] = params[offset + j];
  }

  logLikTruth(x: Float64Array, offset: number): number {
    let s = 0;
    for (let j = 0; j < this.d; j++) {
      const v = x[offset + j] - this.truth[j];
      s += v * v;
    }
    return -s / (2 * this.sigma * this.sigma);
  }

  fit(m: Float64Array, mo: number, params: Float64Array, offset: number): string | undefined {
    const d = this.d;
    const W = m[mo];
    if (!(W > 0)) return 'no samples kept to fit';
    for (let j = 0; j < d; j++) params[offset + j] = m[mo + 2 + j];
    if (!this.fullMoments) return undefined;
    const denom = this.estimator === 'mle' ? W : W - m[mo + 1] / W;
    if (!(denom > 0)) return 'too few effective samples to estimate a covariance';
    const s = offset + d;
    const m2 = mo + 2 + d;
    for (let j = 0; j < d * d; j++) params[s + j] = m[m2 + j] / denom;
    return undefined;
  }

  errorSq(params: Float64Array, offset: number): number {
    let s = 0;
    for (let j = 0; j < this.d; j++) {
      const v = params[offset + j] - this.truth[j];
      s += v * v;
    }
    return s;
  }

  diversity(params: Float64Array, offset: number): number {
    if (!this.fullMoments) return this.sigma * this.sigma;
    const d = this.d;
    let tr = 0;
    for (let j = 0; j < d; j++) tr += params[offset + d + j * d + j];
    return tr / d;
  }
}

/** Cholesky factor L (lower, row-major) of the d x d matrix at a[offset]; a message if not positive definite. */
export function cholesky(a: Float64Array, offset: number, d: number, L: Float64Array): string | undefined {
  for (let j = 0; j < d; j++) {
    for (let k = 0; k <= j; k++) {
      let s = a[offset + j * d + k];
      for (let i = 0; i < k; i++) s -= L[j * d + i] * L[k * d + i];
      if (j === k) {
        if (!(s > 0) || !Number.isFinite(s)) {
          return `the fitted covariance is no longer positive definite (pivot ${s.toExponential(3)}): the spread collapsed`;
        }
        L[j * d + j] = Math.sqrt(s);
      } else {
        L[j * d + k] = s / L[k * d + k];
      }
    }
  }
  return undefined;
}
