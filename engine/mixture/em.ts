import type { EmptyComponentRule } from '../config/types';
import type { Xoshiro128 } from '../random/xoshiro';
import { MixtureDensity } from './density';

export interface EmSettings {
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly empty: EmptyComponentRule;
  readonly regularization: number;
}

/** What one fit did: EM iterations run, components re-seeded, components dropped (by this fit). */
export interface EmOutcome {
  iterations: number;
  reseeded: number;
  dropped: number;
}

/**
 * Weighted EM for a K-component Gaussian mixture with full covariances (Dempster, Laird and Rubin
 * 1977; Bishop, PRML section 9.2.2, with per-sample weights v_i multiplying each point's
 * responsibilities, so the fit is the weighted MLE a filter's or a fresh-data weighting asks for).
 * Each fit starts from weighted k-means (Lloyd) run from k-means++ seeds (Arthur and
 * Vassilvitskii 2007, D^2 sampling with probability proportional to v_i D(x_i)^2) drawn from the
 * replicate's own stream, as scikit-learn's GaussianMixture starts from KMeans labels.
 * It stops when the weighted mean log-likelihood moves by less than the tolerance, or at the
 * iteration cap. Every covariance gets reg I added (scikit-learn's reg_covar).
 *
 * A live component whose effective count N_k n / W falls below d + 1 (too few points to fix a
 * d x d covariance) is, per the config, re-seeded at a point drawn by D^2 sampling from the
 * others (with the data's covariance and weight (d + 1)/n) or dropped for the rest of the chain
 * (weight 0). Either way no fitted number is NaN: a fit that cannot be made returns a message.
 */
export class WeightedEm {
  private readonly resp: Float64Array;
  private readonly d2: Float64Array;
  private readonly logs: Float64Array;
  private readonly centerValues: Float64Array;
  private readonly labels: Int32Array;
  private readonly sums: Float64Array;
  private readonly mean: Float64Array;
  readonly density: MixtureDensity;

  constructor(
    readonly K: number,
    readonly d: number,
    nMax: number,
    private readonly settings: EmSettings,
  ) {
    this.resp = new Float64Array(nMax * K);
    this.d2 = new Float64Array(nMax);
    this.logs = new Float64Array(K);
    this.centerValues = new Float64Array(K * d);
    this.labels = new Int32Array(nMax);
    this.sums = new Float64Array(K * (d + 1));
    this.mean = new Float64Array(d);
    this.density = new MixtureDensity(K, d);
  }

  /**
   * Fits rows x[0 .. n d) with weights v (null: all 1) into params[off ..]. `live[k]` = 0 marks a
   * component dropped earlier, which stays dropped (its weight is written 0); the fit may clear
   * more entries of `live` (rule `drop`). Returns what it did, or a message when no fit exists.
   */
  fit(x: Float64Array, v: Float64Array | null, n: number, rng: Xoshiro128, params: Float64Array, off: number, live: Uint8Array): EmOutcome | string {
    const outcome: EmOutcome = { iterations: 0, reseeded: 0, dropped: 0 };
    let W = 0;
    for (let i = 0; i < n; i++) W += v ? v[i] : 1;
    if (!(W > 0)) return 'no samples kept to fit';
    if (!live.includes(1)) return 'every component has been dropped';
    this.seed(x, v, n, rng, live);
    let problem = this.mStep(x, v, n, W, rng, params, off, live, outcome);
    if (problem) return problem;
    let previous = -Infinity;
    for (let it = 1; it <= this.settings.maxIterations; it++) {
      const ll = this.eStep(x, v, n, W);
      problem = this.mStep(x, v, n, W, rng, params, off, live, outcome);
      if (problem) return problem;
      outcome.iterations = it;
      if (Math.abs(ll - previous) < this.settings.tolerance) break;
      previous = ll;
    }
    return outcome;
  }

  /**
   * The start: k-means++ seeds among the live components, then Lloyd's k-means from them until no
   * point changes cluster (at most maxIterations passes), as scikit-learn's GaussianMixture starts
   * from KMeans labels; each point's responsibility is 1 for its cluster.
   */
  private seed(x: Float64Array, v: Float64Array | null, n: number, rng: Xoshiro128, live: Uint8Array): void {
    const { K, d } = this;
    const d2 = this.d2;
    const centers = this.centerValues;
    const seeds: number[] = [];
    d2.fill(1, 0, n); // the first seed: probability proportional to v_i
    for (let k = 0; k < K; k++) {
      if (live[k] === 0) continue;
      const i = drawIndex(d2, v, n, rng);
      for (let j = 0; j < d; j++) centers[k * d + j] = x[i * d + j];
      seeds.push(k);
      for (let r = 0; r < n; r++) {
        const dist = sqDist(x, r * d, centers, k * d, d);
        if (seeds.length === 1 || dist < d2[r]) d2[r] = dist;
      }
    }
    const label = this.labels;
    label.fill(-1, 0, n);
    const sums = this.sums;
    for (let pass = 0; pass < this.settings.maxIterations; pass++) {
      let moved = 0;
      for (let r = 0; r < n; r++) {
        let best = seeds[0];
        let bestDist = Infinity;
        for (const k of seeds) {
          const dist = sqDist(x, r * d, centers, k * d, d);
          if (dist < bestDist) {
            bestDist = dist;
            best = k;
          }
        }
        if (label[r] !== best) moved++;
        label[r] = best;
      }
      if (moved === 0) break;
      // Each center moves to its cluster's weighted mean; an emptied cluster keeps its center.
      sums.fill(0);
      for (let r = 0; r < n; r++) {
        const k = label[r];
        const w = v ? v[r] : 1;
        sums[k * (d + 1) + d] += w;
        for (let j = 0; j < d; j++) sums[k * (d + 1) + j] += w * x[r * d + j];
      }
      for (const k of seeds) {
        const W = sums[k * (d + 1) + d];
        if (W > 0) for (let j = 0; j < d; j++) centers[k * d + j] = sums[k * (d + 1) + j] / W;
      }
    }
    const resp = this.resp;
    resp.fill(0, 0, n * K);
    for (let r = 0; r < n; r++) resp[r * K + label[r]] = 1;
  }

  /** Responsibilities under the prepared fit; returns the weighted mean log-likelihood. */
  private eStep(x: Float64Array, v: Float64Array | null, n: number, W: number): number {
    const { K, d } = this;
    const logs = this.logs;
    const resp = this.resp;
    let ll = 0;
    for (let i = 0; i < n; i++) ll += (v ? v[i] : 1) * this.density.responsibilities(x, i * d, logs, resp, i * K);
    return ll / W;
  }

  /** Weights, means and covariances from the responsibilities; handles empty components; prepares the density. */
  private mStep(x: Float64Array, v: Float64Array | null, n: number, W: number, rng: Xoshiro128, params: Float64Array, off: number, live: Uint8Array, outcome: EmOutcome): string | undefined {
    const { K, d } = this;
    const resp = this.resp;
    const reg = this.settings.regularization;
    let liveWeight = 0;
    for (let k = 0; k < K; k++) {
      const wOff = off + k;
      const mu = off + K + k * d;
      const S = off + K + K * d + k * d * d;
      if (live[k] === 0) {
        params[wOff] = 0;
        for (let j = 0; j < d; j++) params[mu + j] = 0;
        for (let j = 0; j < d * d; j++) params[S + j] = j % (d + 1) === 0 ? 1 : 0;
        continue;
      }
      let N = 0;
      for (let j = 0; j < d; j++) params[mu + j] = 0;
      for (let i = 0; i < n; i++) {
        const a = (v ? v[i] : 1) * resp[i * K + k];
        if (a === 0) continue;
        N += a;
        for (let j = 0; j < d; j++) params[mu + j] += a * x[i * d + j];
      }
      if ((N / W) * n < d + 1) {
        if (this.settings.empty === 'drop') {
          live[k] = 0;
          outcome.dropped++;
          k--; // write the dropped component's zeros through the branch above
          continue;
        }
        this.reseed(x, v, n, W, rng, params, off, k, live);
        outcome.reseeded++;
        liveWeight += params[wOff];
        continue;
      }
      for (let j = 0; j < d; j++) params[mu + j] /= N;
      scatter(x, v, resp, K, k, n, d, params, mu, params, S, N, reg);
      params[wOff] = N / W;
      liveWeight += N / W;
    }
    if (!(liveWeight > 0)) return 'every component lost its points';
    for (let k = 0; k < K; k++) params[off + k] /= liveWeight;
    return this.density.prepare(params, off);
  }

  /** Re-seeds component k at a point drawn by D^2 sampling from the other live means, with the data's covariance. */
  private reseed(x: Float64Array, v: Float64Array | null, n: number, W: number, rng: Xoshiro128, params: Float64Array, off: number, k: number, live: Uint8Array): void {
    const { K, d } = this;
    const d2 = this.d2;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let c = 0; c < K; c++) {
        if (c === k || live[c] === 0) continue;
        best = Math.min(best, sqDist(x, i * d, params, off + K + c * d, d));
      }
      d2[i] = best === Infinity ? 1 : best;
    }
    const i = drawIndex(d2, v, n, rng);
    const mu = off + K + k * d;
    for (let j = 0; j < d; j++) params[mu + j] = x[i * d + j];
    // The whole data's mean and scatter: a broad component the next E-step can give points to.
    const mean = this.mean;
    mean.fill(0);
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += ((v ? v[r] : 1) / W) * x[r * d + j];
    scatter(x, v, null, K, k, n, d, mean, 0, params, off + K + K * d + k * d * d, W, this.settings.regularization);
    params[off + k] = (d + 1) / n;
  }
}

/** Index i drawn with probability proportional to v_i d2_i (D^2 sampling); uniform over positive v when every d2 is 0. */
function drawIndex(d2: Float64Array, v: Float64Array | null, n: number, rng: Xoshiro128): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += (v ? v[i] : 1) * d2[i];
  if (!(total > 0)) {
    d2.fill(1, 0, n);
    return drawIndex(d2, v, n, rng);
  }
  const u = rng.nextDouble() * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const p = (v ? v[i] : 1) * d2[i];
    if (p <= 0) continue;
    acc += p;
    last = i;
    if (u < acc) return i;
  }
  return last;
}

function sqDist(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ao + j] - b[bo + j];
    s += t * t;
  }
  return s;
}

/**
 * Sigma = sum_i v_i r_ik (x_i - m)(x_i - m)' / N + reg I into out[so ..] (r null: all 1), with m
 * at mean[mo ..]; only the lower triangle is summed and mirrored.
 */
function scatter(x: Float64Array, v: Float64Array | null, resp: Float64Array | null, K: number, k: number, n: number, d: number, mean: Float64Array, mo: number, out: Float64Array, so: number, N: number, reg: number): void {
  for (let j = 0; j < d * d; j++) out[so + j] = 0;
  for (let i = 0; i < n; i++) {
    const a = (v ? v[i] : 1) * (resp ? resp[i * K + k] : 1);
    if (a === 0) continue;
    for (let p = 0; p < d; p++) {
      const dp = x[i * d + p] - mean[mo + p];
      for (let q = 0; q <= p; q++) out[so + p * d + q] += a * dp * (x[i * d + q] - mean[mo + q]);
    }
  }
  for (let p = 0; p < d; p++) {
    for (let q = 0; q <= p; q++) {
      const s = out[so + p * d + q] / N + (p === q ? reg : 0);
      out[so + p * d + q] = s;
      out[so + q * d + p] = s;
    }
  }
}
