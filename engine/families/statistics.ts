import type { Xoshiro128 } from '../random/xoshiro';
import { normal } from '../random/ziggurat';
import { binomial, chiSquare, gamma } from '../random/variates';
import { poisson } from '../random/samplers';
import type { CoordinateFamily } from './coordinate-laws';
import { cholesky } from './gaussian';

/**
 * `engine.sampling = statistic` (issue 21): the moment block of n unit-weight draws from a model,
 * drawn from the exact law of the sufficient statistic instead of sample by sample. Equal in
 * distribution to the sample path; the numbers differ (other draws from the replicate's stream).
 */
export interface StatisticSampler {
  /**
   * Writes the block [W = n, W2 = n, mean_0..mean_{d-1}, scatter (d x d, full families only)] of n
   * draws from the model at params[offset] into out[outOffset..]; a message when it cannot be sampled.
   */
  sample(rng: Xoshiro128, params: Float64Array, offset: number, n: number, out: Float64Array, outOffset: number): string | undefined;
}

/**
 * Gaussian. `mean` (Sigma = sigma^2 I known): the sample mean is N(mu, sigma^2 I / n), d normals.
 * `mean-cov`: the mean is N(mu, Sigma / n) and, independent of it, the scatter
 * S = sum (x_i - xbar)(x_i - xbar)' is Wishart(Sigma, n - 1) (Anderson, "An Introduction to
 * Multivariate Statistical Analysis", theorem 3.3.2), drawn by Bartlett's decomposition
 * S = L A A' L' (Sigma = L L', A lower triangular, A_jj^2 ~ chi^2(n - 1 - j), A_jk ~ N(0, 1) below
 * the diagonal; Anderson section 7.2). With n - 1 < d the Wishart is singular and Bartlett does not
 * apply: S = sum of n - 1 outer products of N(0, Sigma) draws, its definition.
 */
export class GaussianStatistic implements StatisticSampler {
  private readonly L: Float64Array;
  private readonly z: Float64Array;
  /** L A, d x k (k = min(d, n - 1)), row-major. */
  private readonly B: Float64Array;
  private readonly A: Float64Array;

  constructor(
    readonly d: number,
    readonly full: boolean,
    readonly sigma: number,
  ) {
    this.L = new Float64Array(full ? d * d : 0);
    this.z = new Float64Array(d);
    this.A = new Float64Array(full ? d * d : 0);
    this.B = new Float64Array(full ? d * d : 0);
  }

  sample(rng: Xoshiro128, params: Float64Array, offset: number, n: number, out: Float64Array, o: number): string | undefined {
    const d = this.d;
    out[o] = n;
    out[o + 1] = n;
    const scale = 1 / Math.sqrt(n);
    if (!this.full) {
      const s = this.sigma * scale;
      for (let j = 0; j < d; j++) out[o + 2 + j] = params[offset + j] + s * normal(rng);
      return undefined;
    }
    const L = this.L;
    const problem = cholesky(params, offset + d, d, L);
    if (problem) return problem;
    const z = this.z;
    for (let j = 0; j < d; j++) z[j] = normal(rng);
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let k = 0; k <= j; k++) v += L[j * d + k] * z[k];
      out[o + 2 + j] = params[offset + j] + scale * v;
    }
    this.scatter(rng, n - 1, out, o + 2 + d);
    return undefined;
  }

  /** out[m2..] = L A A' L' with A the Bartlett factor of df degrees of freedom (or d x df normals). */
  private scatter(rng: Xoshiro128, df: number, out: Float64Array, m2: number): void {
    const d = this.d;
    const L = this.L;
    const A = this.A;
    const B = this.B;
    const k = Math.min(d, df);
    // A: d x k, row-major with stride d.
    if (df >= d) {
      for (let j = 0; j < d; j++) {
        for (let c = 0; c < j; c++) A[j * d + c] = normal(rng);
        A[j * d + j] = Math.sqrt(chiSquare(rng, df - j));
        for (let c = j + 1; c < d; c++) A[j * d + c] = 0;
      }
    } else {
      for (let j = 0; j < d; j++) for (let c = 0; c < k; c++) A[j * d + c] = normal(rng);
    }
    // B = L A: with A lower triangular (Bartlett) B is too, and both products skip the zeros.
    const lower = df >= d;
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < k; c++) {
        let v = 0;
        for (let i = lower ? c : 0; i <= j; i++) v += L[j * d + i] * A[i * d + c];
        B[j * d + c] = v;
      }
    }
    // S = B B', symmetric; row j of a lower-triangular B ends at column j.
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++) {
        let v = 0;
        const end = lower ? i + 1 : k;
        for (let c = 0; c < end; c++) v += B[j * d + c] * B[i * d + c];
        out[m2 + j * d + i] = v;
        out[m2 + i * d + j] = v;
      }
    }
  }
}

/**
 * The coordinatewise families: the sufficient statistic is each coordinate's sum, whose law is
 * closed under sums of independent draws: Poisson(lambda) summed n times is Poisson(n lambda),
 * Bernoulli(p) is Binomial(n, p), Exponential(rate) is Gamma(n, scale 1 / rate).
 */
const SUM_LAWS: { readonly [K in CoordinateFamily]: (rng: Xoshiro128, theta: number, n: number) => number } = {
  poisson: (rng, lambda, n) => poisson(rng, n * lambda),
  bernoulli: (rng, p, n) => binomial(rng, n, p),
  exponential: (rng, rate, n) => gamma(rng, n) / rate,
};

export class CoordinatewiseStatistic implements StatisticSampler {
  private readonly sum: (rng: Xoshiro128, theta: number, n: number) => number;

  constructor(
    readonly family: CoordinateFamily,
    readonly d: number,
  ) {
    this.sum = SUM_LAWS[family];
  }

  sample(rng: Xoshiro128, params: Float64Array, offset: number, n: number, out: Float64Array, o: number): string | undefined {
    out[o] = n;
    out[o + 1] = n;
    for (let j = 0; j < this.d; j++) out[o + 2 + j] = this.sum(rng, params[offset + j], n) / n;
    return undefined;
  }
}
