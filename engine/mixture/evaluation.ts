import { cholesky } from '../families/gaussian';
import { quantileSorted } from '../core/summarise';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { mixtureMoments, type MixtureDensity } from './density';
import type { TruthSampler } from './generators';
import type { MixtureSettings } from './settings';

/**
 * The evaluation sample's stream: index 2^31 of the run's seed, beyond every replicate's index
 * (replicates <= 1e6), so every block draws the same sample whatever the thread split.
 */
const EVAL_STREAM = 2 ** 31;

/** The share of the truth inside its region: tails are the fitted mass beyond the truth's 99% region. */
export const TAIL_LEVEL = 0.99;

/** Per-replicate numbers of one fitted mixture (docs/cli.md, export field `mixture`). */
export interface MixtureScore {
  /** ||m_hat - m*||^2, the fitted mixture's overall mean against the truth's. */
  errSq: number;
  /** tr(C_hat) / d, the fitted mixture's mean per-coordinate variance (law of total covariance). */
  diversity: number;
  /** KL(p* || p_hat) (a truth with a density) or the cross-entropy -E* log p_hat, on the evaluation sample. */
  distance: number;
  /** Its Monte Carlo standard error, sd / sqrt(M) over the evaluation sample. */
  distanceSe: number;
  /** Share of M draws of the fit beyond the truth's 99% region. */
  tails: number;
  /** The smallest live component weight. */
  minWeight: number;
  /** Live components. */
  components: number;
}

/**
 * What every fit is measured against, fixed for the run: M points of the truth drawn once, their
 * log-density under the truth (where it has one), the truth's overall mean m* and covariance C*,
 * and the truth's 99% region {x : (x - m*)' C*^-1 (x - m*) <= r^2}, r^2 the 0.99 quantile of
 * the evaluation sample's Mahalanobis distances (so the region holds 99% of the truth by
 * construction, for the generators as for a mixture).
 */
export class MixtureEvaluation {
  private readonly sample: Float64Array;
  private readonly trueLog: Float64Array | null;
  readonly trueMean: Float64Array;
  readonly trueCov: Float64Array;
  private readonly trueChol: Float64Array;
  readonly radiusSq: number;
  private readonly logs: Float64Array;
  private readonly fitMean: Float64Array;
  private readonly fitCov: Float64Array;
  private readonly draw: Float64Array;
  private readonly point: Float64Array;
  readonly distanceKind: 'kl' | 'cross-entropy';

  constructor(
    private readonly s: MixtureSettings,
    truth: TruthSampler,
    seed: number,
  ) {
    const { d, evalSamples: M } = s;
    this.draw = new Float64Array(d);
    this.point = new Float64Array(d);
    const rng = new Xoshiro128();
    rng.load(seedStreams(seed, EVAL_STREAM, 1), 0);
    this.sample = new Float64Array(M * d);
    truth.draw(rng, this.sample, M);
    const K = Math.max(s.components, s.truthWeights.length);
    this.logs = new Float64Array(K);
    const density = truth.trueDensity;
    this.distanceKind = density ? 'kl' : 'cross-entropy';
    this.trueLog = density ? new Float64Array(M) : null;
    if (density) for (let i = 0; i < M; i++) this.trueLog![i] = density.componentLogs(this.sample, i * d, this.logs);
    this.trueMean = new Float64Array(d);
    this.trueCov = new Float64Array(d * d);
    if (density) mixtureMoments(truth.truthParams, 0, s.truthWeights.length, d, this.trueMean, this.trueCov);
    else sampleMoments(this.sample, M, d, this.trueMean, this.trueCov);
    this.trueChol = new Float64Array(d * d);
    const problem = cholesky(this.trueCov, 0, d, this.trueChol);
    if (problem) throw new Error(`the truth's covariance: ${problem}`);
    const dist = new Float64Array(M);
    for (let i = 0; i < M; i++) dist[i] = this.mahalanobisSq(this.sample, i * d);
    dist.sort();
    this.radiusSq = quantileSorted(dist, TAIL_LEVEL);
    this.fitMean = new Float64Array(d);
    this.fitCov = new Float64Array(d * d);
  }

  /** (x - m*)' C*^-1 (x - m*) by forward substitution with C* = L L'. */
  mahalanobisSq(x: Float64Array, xo: number): number {
    const d = this.s.d;
    const L = this.trueChol;
    const z = this.draw;
    let q = 0;
    for (let j = 0; j < d; j++) {
      let v = x[xo + j] - this.trueMean[j];
      for (let i = 0; i < j; i++) v -= L[j * d + i] * z[i];
      v /= L[j * d + j];
      z[j] = v;
      q += v * v;
    }
    return q;
  }

  /** Scores the prepared fit `density` of the parameters at params[off]; its M tail draws come from `rng`. */
  score(density: MixtureDensity, params: Float64Array, off: number, rng: Xoshiro128, out: MixtureScore): void {
    const { d, evalSamples: M, components: K } = this.s;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < M; i++) {
      const l = (this.trueLog ? this.trueLog[i] : 0) - density.componentLogs(this.sample, i * d, this.logs);
      sum += l;
      sumSq += l * l;
    }
    const meanL = sum / M;
    out.distance = meanL;
    out.distanceSe = Math.sqrt(Math.max(0, sumSq / M - meanL * meanL) / (M - 1));
    mixtureMoments(params, off, K, d, this.fitMean, this.fitCov);
    let err = 0;
    let tr = 0;
    for (let j = 0; j < d; j++) {
      err += (this.fitMean[j] - this.trueMean[j]) ** 2;
      tr += this.fitCov[j * d + j];
    }
    out.errSq = err;
    out.diversity = tr / d;
    // The point buffer is reused for each draw; mahalanobisSq's own scratch is separate (this.draw).
    const x = this.point;
    let outside = 0;
    for (let i = 0; i < M; i++) {
      density.sample(rng, x, 0);
      if (this.mahalanobisSq(x, 0) > this.radiusSq) outside++;
    }
    out.tails = outside / M;
    let minW = Infinity;
    let live = 0;
    for (let k = 0; k < K; k++) {
      const w = params[off + k];
      if (!(w > 0)) continue;
      live++;
      if (w < minW) minW = w;
    }
    out.minWeight = minW;
    out.components = live;
  }

}

/** The sample mean and the (divisor M) covariance of M rows. */
function sampleMoments(x: Float64Array, M: number, d: number, mean: Float64Array, cov: Float64Array): void {
  mean.fill(0);
  cov.fill(0);
  for (let i = 0; i < M; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / M;
  for (let i = 0; i < M; i++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) cov[a * d + b] += ((x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b])) / M;
    }
  }
}
