import { cholesky } from '../families/gaussian';
import { normal } from '../random/ziggurat';
import type { Xoshiro128 } from '../random/xoshiro';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * A K-component Gaussian mixture in d dimensions, read from a packed parameter block
 * [w_1..w_K, mu_1..mu_K (d each), Sigma_1..Sigma_K (d x d each, row-major)]. A component of
 * weight 0 has been dropped (em.ts) and is skipped everywhere. `prepare` factors every live
 * covariance once (Sigma_k = L_k L_k'), after which densities and draws cost O(K d^2) each.
 */
export class MixtureDensity {
  private readonly chol: Float64Array;
  /** log w_k - (d log 2 pi + log det Sigma_k) / 2 per component; -Infinity for a dropped one. */
  private readonly logNorm: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly z: Float64Array;
  private params: Float64Array = new Float64Array(0);
  private offset = 0;

  constructor(
    readonly K: number,
    readonly d: number,
  ) {
    this.chol = new Float64Array(K * d * d);
    this.logNorm = new Float64Array(K);
    this.cumulative = new Float64Array(K);
    this.z = new Float64Array(d);
  }

  /** Factors the mixture at params[offset]; a message when a live covariance is not positive definite. */
  prepare(params: Float64Array, offset: number): string | undefined {
    const { K, d } = this;
    this.params = params;
    this.offset = offset;
    let total = 0;
    for (let k = 0; k < K; k++) {
      const w = params[offset + k];
      total += w;
      this.cumulative[k] = total;
      if (!(w > 0)) {
        this.logNorm[k] = -Infinity;
        continue;
      }
      const L = this.chol.subarray(k * d * d, (k + 1) * d * d);
      const problem = cholesky(params, offset + K + K * d + k * d * d, d, L);
      if (problem) return `component ${k + 1}: ${problem}`;
      let logDet = 0;
      for (let j = 0; j < d; j++) logDet += 2 * Math.log(L[j * d + j]);
      this.logNorm[k] = Math.log(w) - 0.5 * (d * LOG_2PI + logDet);
    }
    if (!(total > 0)) return 'every component has been dropped';
    return undefined;
  }

  /** log w_k + log N(x; mu_k, Sigma_k) for each k into out[0..K) (-Infinity for a dropped component); returns their log-sum-exp, log p(x). */
  componentLogs(x: Float64Array, xo: number, out: Float64Array): number {
    const max = this.logTerms(x, xo, out);
    if (max === -Infinity) return -Infinity;
    let s = 0;
    for (let k = 0; k < this.K; k++) if (out[k] !== -Infinity) s += Math.exp(out[k] - max);
    return max + Math.log(s);
  }

  /**
   * The E-step of one point: p(k | x) into resp[ro .. ro + K) (0 for a dropped component), from
   * the same exponentials its log-sum-exp needs; returns log p(x). `logs` is scratch of K.
   */
  responsibilities(x: Float64Array, xo: number, logs: Float64Array, resp: Float64Array, ro: number): number {
    const K = this.K;
    const max = this.logTerms(x, xo, logs);
    if (max === -Infinity) return -Infinity;
    let s = 0;
    for (let k = 0; k < K; k++) {
      const e = logs[k] === -Infinity ? 0 : Math.exp(logs[k] - max);
      resp[ro + k] = e;
      s += e;
    }
    for (let k = 0; k < K; k++) resp[ro + k] /= s;
    return max + Math.log(s);
  }

  /** The K log-terms of x into out; returns their maximum. */
  private logTerms(x: Float64Array, xo: number, out: Float64Array): number {
    const { K, d, params, offset } = this;
    const z = this.z;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      if (this.logNorm[k] === -Infinity) {
        out[k] = -Infinity;
        continue;
      }
      // Solve L z = x - mu by forward substitution: the Mahalanobis distance is ||z||^2.
      const L = k * d * d;
      const mu = offset + K + k * d;
      let q = 0;
      for (let j = 0; j < d; j++) {
        let v = x[xo + j] - params[mu + j];
        for (let i = 0; i < j; i++) v -= this.chol[L + j * d + i] * z[i];
        v /= this.chol[L + j * d + j];
        z[j] = v;
        q += v * v;
      }
      const l = this.logNorm[k] - 0.5 * q;
      out[k] = l;
      if (l > max) max = l;
    }
    return max;
  }

  /** Draws one point of the prepared mixture into out[oo..]: a component by its weight, then mu_k + L_k z. */
  sample(rng: Xoshiro128, out: Float64Array, oo: number): void {
    const { K, d, params, offset } = this;
    const u = rng.nextDouble() * this.cumulative[K - 1];
    let k = 0;
    while (k < K - 1 && !(u < this.cumulative[k] && params[offset + k] > 0)) k++;
    while (!(params[offset + k] > 0)) k--; // u landed past the last live component's edge by rounding
    const z = this.z;
    for (let j = 0; j < d; j++) z[j] = normal(rng);
    const L = k * d * d;
    const mu = offset + K + k * d;
    for (let j = 0; j < d; j++) {
      let v = params[mu + j];
      for (let i = 0; i <= j; i++) v += this.chol[L + j * d + i] * z[i];
      out[oo + j] = v;
    }
  }
}

/**
 * The mixture's overall mean m = sum_k w_k mu_k and covariance C = sum_k w_k (Sigma_k + mu_k mu_k') - m m'
 * (the law of total covariance) into mean[0..d) and cov[0..d d).
 */
export function mixtureMoments(params: Float64Array, offset: number, K: number, d: number, mean: Float64Array, cov: Float64Array): void {
  mean.fill(0);
  cov.fill(0);
  for (let k = 0; k < K; k++) {
    const w = params[offset + k];
    if (!(w > 0)) continue;
    const mu = offset + K + k * d;
    const S = offset + K + K * d + k * d * d;
    for (let a = 0; a < d; a++) {
      mean[a] += w * params[mu + a];
      for (let b = 0; b < d; b++) cov[a * d + b] += w * (params[S + a * d + b] + params[mu + a] * params[mu + b]);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= mean[a] * mean[b];
}
