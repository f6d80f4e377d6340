import type { DataMode, FilterKind, RunConfig } from '../config/types';
import { unreachable } from './unreachable';
import { createFamilyKernel, familyNumerics, type FamilyKernel } from '../families';
import type { StatisticSampler } from '../families/statistics';
import { samplingMode } from '../config/sampling';
import { addTopKRows, keepTopK } from '../filters/select';
import { FilterInference } from '../neural/inference';
import { lyapunovMatrix, lyapunovValue, type Lyapunov } from '../neural/lyapunov';
import { truthVector } from '../config/defaults';
import { dataMixing, verifierCenter } from '../regression/design';
import type { FilterModel } from '../neural/types';
import { addNormalColumnSums, fillNormalsScored } from '../random/normal-block';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { SimulationFailure } from './failure';
import { MomentBatch, mergeMoments, momentsSize, scaleMoments } from './moments';
import { maxSampleSize, sampleSizeAt } from './schedules';

/** Per-replicate values of one generation; the arrays are reused, so consume them before advancing. */
export interface GenerationRaw {
  readonly t: number;
  readonly sampleSize: number;
  /** ||theta_t - theta*||^2 per replicate. */
  readonly errSq: Float64Array;
  /** Mean per-dimension variance of each replicate's model. */
  readonly diversity: Float64Array;
  /** Fraction of candidates kept (mean weight) per replicate. */
  readonly kept: Float64Array;
  /** Neural filter only: V(e_t) / V(e_{t-1}) per replicate, V(e) = e' P e (docs/experiments.md section 4); else null. */
  readonly contraction: Float64Array | null;
  /** Regression only: the excess test risk (Sigma-norm) per replicate; else null. */
  readonly testErr?: Float64Array | null;
  /** False when the model has no spread to report (regression): `diversity` is then null. */
  readonly hasDiversity?: boolean;
  /** gaussian-mixture only: MIXTURE_STRIDE numbers per replicate (engine/mixture/mixture-block.ts); else absent. */
  readonly mixture?: Float64Array | null;
  /**
   * `record.paths` = K: the parameter vectors of this block's replicates among the run's first K,
   * in replicate order (pathRows(...) rows of the block's parameter size); else absent or null.
   */
  readonly paths?: Float64Array | null;
  /** Numbers per vector in `paths` (the block's parameter size). */
  readonly pathSize?: number;
}

/** How many of replicates [first, first + count) are among the first `record.paths` of a run. */
export function pathRows(config: Readonly<RunConfig>, first: number, count: number): number {
  return Math.max(0, Math.min(first + count, config.record?.paths ?? 0) - first);
}

/** One block of replicates advanced a generation at a time (ReplicateBlock or RegressionBlock). */
export interface GenerationBlock {
  initial(): GenerationRaw;
  advance(t: number): GenerationRaw;
}

/**
 * Replicates [first, first + count) of a run, advanced together one generation at a time
 * (docs/cli.md "Generation semantics"). Parameters, accumulated statistics and random states
 * are packed typed arrays allocated once; a replicate's numbers depend only on its own stream,
 * so any split of a run into blocks gives the same numbers bit for bit.
 */
export class ReplicateBlock implements GenerationBlock {
  private readonly kernel: FamilyKernel;
  private readonly d: number;
  private readonly P: number;
  private readonly M: number;
  private readonly params: Float64Array;
  private readonly truthParams: Float64Array;
  private readonly acc: Float64Array;
  private readonly states: Uint32Array;
  private readonly rng = new Xoshiro128();
  private readonly batch: MomentBatch;
  private readonly moments: Float64Array;
  private readonly realParams: Float64Array;
  /** fresh with `data.mixing = pooled`: the real part's moment block, merged into the synthetic one. */
  private readonly realMoments: Float64Array | null;
  private readonly centerBuf: Float64Array;
  private readonly sampleBuf: Float64Array;
  private readonly sums: Float64Array;
  private readonly scores: Float64Array;
  private readonly scratch: Float64Array;
  private readonly keep: Uint8Array;
  private readonly out: { errSq: Float64Array; diversity: Float64Array; kept: Float64Array; contraction: Float64Array | null; paths: Float64Array | null };
  private readonly inference: FilterInference | null;
  private readonly weightBuf: Float64Array;
  private readonly prevErrSq: Float64Array;
  /** P of V(e) = e' P e for the contraction ratio (seed 000 Assumption 2.3); null: the identity. */
  private readonly lyapunov: Lyapunov;
  private readonly errBuf: Float64Array;
  private readonly verifierCenter: Float64Array | null;
  /** Gaussian mean with known covariance and no filter: sum normals directly, no sample buffer. */
  private readonly fastMean: boolean;
  /** Gaussian mean with the oracle filter: rank and sum standardised draws, no per-row calls. */
  private readonly fastOracle: boolean;
  /** `engine.sampling` resolved to `statistic`: unfiltered draws come as their sufficient statistic. */
  private readonly statistic: StatisticSampler | null;

  /**
   * @param filterModel the trained filter a `neural` run applies (the host trains or loads it;
   *   the block only runs its inference).
   */
  constructor(
    private readonly config: Readonly<RunConfig>,
    readonly first: number,
    readonly count: number,
    filterModel?: FilterModel,
  ) {
    const kernel = createFamilyKernel(config);
    this.kernel = kernel;
    this.d = kernel.d;
    this.P = kernel.paramSize;
    this.M = momentsSize(this.d, kernel.fullMoments);
    this.params = new Float64Array(count * this.P);
    this.truthParams = new Float64Array(this.P);
    kernel.writeTruth(this.truthParams, 0);
    this.acc = new Float64Array(config.data.mode === 'accumulate' ? count * this.M : 0);
    this.states = seedStreams(config.seed, first, count);
    this.batch = new MomentBatch(this.d, kernel.fullMoments);
    this.moments = new Float64Array(this.M);
    this.realParams = new Float64Array(this.P);
    this.realMoments = config.data.mode === 'fresh' && dataMixing(config) === 'pooled' ? new Float64Array(this.M) : null;
    this.centerBuf = new Float64Array(this.d);
    const needsBuffer = config.filter.kind !== 'none';
    const nMax = maxSampleSize(config);
    this.sampleBuf = new Float64Array(needsBuffer ? nMax * this.d : this.d);
    this.scores = new Float64Array(needsBuffer ? nMax : 0);
    this.scratch = new Float64Array(config.filter.kind === 'oracle' ? nMax : 0);
    this.keep = new Uint8Array(config.filter.kind === 'oracle' ? nMax : 0);
    this.sums = new Float64Array(this.d);
    const neural = config.filter.kind === 'neural';
    if (neural && !filterModel) throw new Error('neural filter: the run needs a trained filter model');
    if (neural && (filterModel!.dim !== this.d || filterModel!.family !== config.model.family)) {
      throw new Error(`neural filter: trained for ${filterModel!.family} d = ${filterModel!.dim}, the run is ${config.model.family} d = ${this.d}`);
    }
    this.inference = neural ? new FilterInference(filterModel!) : null;
    this.weightBuf = new Float64Array(neural ? nMax : 0);
    this.prevErrSq = new Float64Array(neural ? count : 0);
    this.lyapunov = neural ? lyapunovMatrix(config.filter.training?.P, this.d) : null;
    this.errBuf = new Float64Array(this.lyapunov ? this.d : 0);
    this.verifierCenter = config.filter.kind === 'verifier' ? verifierCenter(truthVector(config), config.filter.centerOffset ?? 0) : null;
    this.out = {
      errSq: new Float64Array(count),
      diversity: new Float64Array(count),
      kept: new Float64Array(count),
      contraction: neural ? new Float64Array(count) : null,
      paths: pathRows(config, first, count) > 0 ? new Float64Array(pathRows(config, first, count) * this.P) : null,
    };
    const gaussianMean = config.model.family === 'gaussian' && config.model.estimate === 'mean';
    this.fastMean = gaussianMean && config.filter.kind === 'none';
    this.fastOracle = gaussianMean && config.filter.kind === 'oracle';
    this.statistic = samplingMode(config) === 'statistic' ? familyNumerics(config).statistic!(config.model) : null;
  }

  /** Generation 0: every replicate fits theta_0 on n_0 real samples from the truth. */
  initial(): GenerationRaw {
    const n = sampleSizeAt(this.config.sampleSize, 0);
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      this.drawUnfiltered(this.truthParams, 0, n, this.moments, 0);
      if (this.acc.length > 0) this.acc.set(this.moments, r * this.M);
      this.fitOrFail(this.moments, 0, this.params, r * this.P, 0);
      this.rng.save(this.states, r);
      this.record(r, 1, 0);
    }
    return { t: 0, sampleSize: n, pathSize: this.P, ...this.out };
  }

  /** Generation t >= 1: sample candidates from theta_{t-1}, filter, refit per the data mode. */
  advance(t: number): GenerationRaw {
    const { data, filter } = this.config;
    const n = sampleSizeAt(this.config.sampleSize, t);
    const kernel = this.kernel;
    for (let r = 0; r < this.count; r++) {
      const off = r * this.P;
      this.rng.load(this.states, r);
      const problem = kernel.prepare(this.params, off);
      if (problem) throw new SimulationFailure(t, `replicate ${this.first + r}: ${problem}`);
      const kept = ReplicateBlock.FILTERS[filter.kind](this, off, n, t, r);
      this.refit(data.mode, r, off, t);
      this.rng.save(this.states, r);
      this.record(r, kept, t);
    }
    return { t, sampleSize: n, pathSize: this.P, ...this.out };
  }

  /**
   * One strategy per filter kind: draw n candidates from the model at params[off], write the kept
   * ones' moment block into `moments` and return the kept fraction (or mean weight). A kind
   * missing here is a compile error.
   */
  private static readonly FILTERS: { readonly [K in FilterKind]: (b: ReplicateBlock, off: number, n: number, t: number, r: number) => number } = {
    none: (b, off, n) => {
      b.drawUnfiltered(b.params, off, n, b.moments, 0);
      return 1;
    },
    oracle: (b, off, n, t) => b.batchWritten(b.drawOracle(b.params, off, n, b.config.filter.keepFraction, t)),
    neural: (b, off, n, t, r) => b.batchWritten(b.drawNeural(b.params, off, n, b.config.filter.weighting === 'hard', t, r)),
    verifier: (b, off, n, t, r) => b.batchWritten(b.drawVerified(b.params, off, n, t, r)),
  };

  /** A filter's kept candidates are in the moment batch: writes its block into `moments`, passing `kept` on. */
  private batchWritten(kept: number): number {
    this.batch.write(this.moments, 0);
    return kept;
  }

  /** Refits replicate r from this generation's moment batch, per the data mode (docs/cli.md "Generation semantics"). */
  private refit(mode: DataMode, r: number, off: number, t: number): void {
    const { data } = this.config;
    const kernel = this.kernel;
    switch (mode) {
      case 'replace':
        this.fitOrFail(this.moments, 0, this.params, off, t);
        return;
      case 'accumulate':
        mergeMoments(this.acc, r * this.M, this.moments, 0, this.d, kernel.fullMoments);
        this.fitOrFail(this.acc, r * this.M, this.params, off, t);
        return;
      case 'fresh': {
        const w = data.realWeight;
        if (this.realMoments) {
          // Pooled: one weighted MLE on both parts with per-sample weights (1 - w)/W_syn and w/n_real
          // (W_syn the kept synthetic weight), so each part's weights sum to its share.
          this.drawUnfiltered(this.truthParams, 0, data.realPerGeneration, this.realMoments, 0);
          scaleMoments(this.moments, 0, (1 - w) / this.moments[0], this.d, kernel.fullMoments);
          scaleMoments(this.realMoments, 0, w / this.realMoments[0], this.d, kernel.fullMoments);
          mergeMoments(this.moments, 0, this.realMoments, 0, this.d, kernel.fullMoments);
          this.fitOrFail(this.moments, 0, this.params, off, t);
          return;
        }
        // Seed 003: theta_t = w * theta(real) + (1 - w) * theta(synthetic), mixed in parameter space.
        this.fitOrFail(this.moments, 0, this.params, off, t);
        this.drawUnfiltered(this.truthParams, 0, data.realPerGeneration, this.moments, 0);
        this.fitOrFail(this.moments, 0, this.realParams, 0, t);
        for (let j = 0; j < this.P; j++) this.params[off + j] = w * this.realParams[j] + (1 - w) * this.params[off + j];
        return;
      }
      default:
        return unreachable(mode);
    }
  }

  /**
   * The moment block of n samples of the model at params[off] (all kept, weight 1), written to
   * out[o..]: drawn as the sufficient statistic's exact law under `engine.sampling = statistic`,
   * else sample by sample through the moment batch.
   */
  private drawUnfiltered(params: Float64Array, off: number, n: number, out: Float64Array, o: number): void {
    if (this.statistic) {
      const problem = this.statistic.sample(this.rng, params, off, n, out, o);
      if (problem) throw new Error(`the statistic sampler refused a model the kernel prepared: ${problem}`);
      return;
    }
    this.sampleUnfiltered(params, off, n);
    this.batch.write(out, o);
  }

  /** n samples of the model at params[off] straight into the moment batch (all kept, weight 1). */
  private sampleUnfiltered(params: Float64Array, off: number, n: number): void {
    const kernel = this.kernel;
    kernel.center(params, off, this.centerBuf);
    this.batch.reset(this.centerBuf, 0);
    const rng = this.rng;
    if (this.fastMean) {
      // x_ij - mu_j = sigma z_ij: only the per-coordinate sums of z matter for the mean.
      const d = this.d;
      const sums = this.sums;
      sums.fill(0);
      addNormalColumnSums(rng, n, d, sums);
      const sigma = this.config.model.sigma;
      for (let j = 0; j < d; j++) sums[j] *= sigma;
      this.batch.addSummed(sums, n);
      return;
    }
    // The truth is always a valid model; preparing it replaces the kernel's factor, which is
    // why the synthetic draws of a generation always come before the real ones.
    if (params === this.truthParams) kernel.prepare(params, off);
    const x = this.sampleBuf;
    for (let i = 0; i < n; i++) {
      kernel.sample(rng, params, off, x, 0);
      this.batch.add(x, 0, 1);
    }
  }

  /** Oracle filter: draw n candidates, keep the round(q n) with the highest log-likelihood under theta*. */
  private drawOracle(params: Float64Array, off: number, n: number, q: number, t: number): number {
    if (this.fastOracle) return this.drawOracleGaussianMean(params, off, n, q, t);
    const kernel = this.kernel;
    const d = this.d;
    const x = this.sampleBuf;
    kernel.sampleMany(this.rng, params, off, x, n);
    for (let i = 0; i < n; i++) this.scores[i] = kernel.logLikTruth(x, i * d);
    const k = Math.round(q * n);
    if (k < 1) throw new SimulationFailure(t, `the oracle filter keeps round(${q} x ${n}) = 0 candidates`);
    keepTopK(this.scores, n, k, this.scratch, this.keep);
    kernel.center(params, off, this.centerBuf);
    this.batch.reset(this.centerBuf, 0);
    const keep = this.keep;
    for (let i = 0; i < n; i++) if (keep[i] === 1) this.batch.add(x, i * d, 1);
    return k / n;
  }

  /**
   * The oracle for a Gaussian mean with known covariance sigma^2 I (B2's hot path): x = mu +
   * sigma z, so ranking by ||x - theta*||^2 is ranking by ||(mu - theta*)/sigma + z||^2, and the
   * kept deviations from the center mu are sigma z. Fused (issue 21): each row is scored as it is
   * drawn (fillNormalsScored), and the kept rows are selected and summed in one pass
   * (addTopKRows); the numbers are those of drawing, scoring, marking and summing apart.
   */
  private drawOracleGaussianMean(params: Float64Array, off: number, n: number, q: number, t: number): number {
    const d = this.d;
    const k = Math.round(q * n);
    if (k < 1) throw new SimulationFailure(t, `the oracle filter keeps round(${q} x ${n}) = 0 candidates`);
    const sigma = this.config.model.sigma;
    const shift = this.centerBuf;
    for (let j = 0; j < d; j++) shift[j] = (params[off + j] - this.truthParams[j]) / sigma;
    const z = this.sampleBuf;
    // scores[i] = -||shift + z_i||^2: higher is closer, as logLikTruth ranks.
    fillNormalsScored(this.rng, z, n, d, shift, this.scores);
    const sums = this.sums;
    sums.fill(0);
    addTopKRows(this.scores, n, k, this.scratch, z, d, sums);
    for (let j = 0; j < d; j++) sums[j] *= sigma;
    this.kernel.center(params, off, this.centerBuf);
    this.batch.reset(this.centerBuf, 0);
    this.batch.addSummed(sums, k);
    return k / n;
  }

  /**
   * Neural filter (docs/experiments.md section 4, "Filtered recursion"): weight n candidates by the
   * trained filter; soft weights go into the weighted MLE, `hard` keeps w_i > 0.5. Returns the
   * mean weight (soft) or the kept fraction (hard).
   */
  private drawNeural(params: Float64Array, off: number, n: number, hard: boolean, t: number, r: number): number {
    const kernel = this.kernel;
    const d = this.d;
    const x = this.sampleBuf;
    kernel.sampleMany(this.rng, params, off, x, n);
    const w = this.weightBuf;
    this.inference!.weights(x, n, w);
    kernel.center(params, off, this.centerBuf);
    this.batch.reset(this.centerBuf, 0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const wi = hard ? (w[i] > 0.5 ? 1 : 0) : w[i];
      if (wi > 0) this.batch.add(x, i * d, wi);
      total += wi;
    }
    if (!(total > 0)) throw new SimulationFailure(t, `replicate ${this.first + r}: the neural filter kept none of the ${n} candidates`);
    return total / n;
  }

  /**
   * Verifier on a Gaussian family (seed 002, docs/experiments.md section 5): keep the candidates
   * inside the knowledge ball ||x - theta_c|| <= r, theta_c = theta* + offset (1, ..., 1)/sqrt(d).
   */
  private drawVerified(params: Float64Array, off: number, n: number, t: number, r: number): number {
    const kernel = this.kernel;
    const d = this.d;
    const x = this.sampleBuf;
    const c = this.verifierCenter!;
    const r2 = (this.config.filter.radius ?? 0) ** 2;
    kernel.center(params, off, this.centerBuf);
    this.batch.reset(this.centerBuf, 0);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      kernel.sample(this.rng, params, off, x, 0);
      let dist2 = 0;
      for (let j = 0; j < d; j++) dist2 += (x[j] - c[j]) ** 2;
      if (dist2 <= r2) {
        this.batch.add(x, 0, 1);
        kept++;
      }
    }
    if (kept === 0) throw new SimulationFailure(t, `replicate ${this.first + r}: the verifier accepted none of the ${n} candidates (radius ${Math.sqrt(r2)})`);
    return kept / n;
  }

  private fitOrFail(m: Float64Array, mo: number, params: Float64Array, off: number, t: number): void {
    const problem = this.kernel.fit(m, mo, params, off);
    if (problem) throw new SimulationFailure(t, problem);
    for (let j = 0; j < this.P; j++) {
      if (!Number.isFinite(params[off + j])) throw new SimulationFailure(t, 'the fitted parameters are no longer finite numbers');
    }
  }

  /** V(theta_t - theta*) = e' P e over the location parameter (the first d numbers of a block). */
  private lyapunovError(off: number): number {
    for (let j = 0; j < this.d; j++) this.errBuf[j] = this.params[off + j] - this.truthParams[j];
    return lyapunovValue(this.lyapunov, this.errBuf, this.d);
  }

  private record(r: number, kept: number, t: number): void {
    const off = r * this.P;
    const errSq = this.kernel.errorSq(this.params, off);
    if (this.out.contraction) {
      const v = this.lyapunov ? this.lyapunovError(off) : errSq;
      // At t = 0 there is no previous error: the ratio is recorded as 1 there.
      this.out.contraction[r] = t === 0 ? 1 : v / this.prevErrSq[r];
      this.prevErrSq[r] = v;
    }
    this.out.errSq[r] = errSq;
    this.out.diversity[r] = this.kernel.diversity(this.params, off);
    this.out.kept[r] = kept;
    const paths = this.out.paths;
    if (paths && (r + 1) * this.P <= paths.length) paths.set(this.params.subarray(off, off + this.P), r * this.P);
  }
}
