import type { RunConfig } from '../config/types';
import { SimulationFailure } from '../core/failure';
import { pathRows, type GenerationBlock, type GenerationRaw } from '../core/replicate-block';
import { maxSampleSize, sampleSizeAt } from '../core/schedules';
import { keepTopK } from '../filters/select';
import { verifierCenter } from '../regression/design';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { MixtureDensity } from './density';
import { WeightedEm } from './em';
import { MixtureEvaluation, type MixtureScore } from './evaluation';
import { TruthSampler } from './generators';
import { MIXTURE_STRIDE, mixtureParamSize, mixtureSettings, type MixtureSettings } from './settings';

/** The pooled points an accumulating replicate holds by generation T: n_0 plus every later n_t. */
export function pooledPoints(config: Readonly<RunConfig>): number {
  let total = 0;
  for (let t = 0; t <= config.generations; t++) total += sampleSizeAt(config.sampleSize, t);
  return total;
}

/**
 * Replicates [first, first + count) of a gaussian-mixture run (docs/experiments.md section 7,
 * gmm-collapse): generation 0 fits K components by weighted EM (em.ts) on n_0 points of the
 * truth; generation t draws n_t candidates from the previous fit, filters them (none, the oracle
 * by log-likelihood under the truth, or the verifier's ball), and refits per the data mode:
 * `replace` on the kept candidates, `accumulate` on every point kept so far (the pool is held),
 * `fresh` on the kept candidates and n_real new truth points in one weighted fit (weights
 * (1 - w)/n_syn and w/n_real: the mixing is pooled; mixing two mixtures' parameters has no
 * meaning under label switching). Each replicate draws from its own stream only.
 */
export class MixtureBlock implements GenerationBlock {
  private readonly s: MixtureSettings;
  private readonly K: number;
  private readonly d: number;
  private readonly P: number;
  private readonly params: Float64Array;
  private readonly live: Uint8Array;
  private readonly states: Uint32Array;
  private readonly rng = new Xoshiro128();
  private readonly truth: TruthSampler;
  private readonly evaluation: MixtureEvaluation;
  private readonly em: WeightedEm;
  private readonly model: MixtureDensity;
  private readonly x: Float64Array;
  private readonly v: Float64Array;
  private readonly scores: Float64Array;
  private readonly scratch: Float64Array;
  private readonly keep: Uint8Array;
  private readonly logs: Float64Array;
  /** accumulate: each replicate's pool of every kept point, rows [0, poolSize[r]). */
  private readonly pools: Float64Array[];
  private readonly poolSize: Int32Array;
  private readonly score: MixtureScore = { errSq: 0, diversity: 0, distance: 0, distanceSe: 0, tails: 0, minWeight: 0, components: 0 };
  private readonly center: Float64Array | null;
  private readonly out: { errSq: Float64Array; diversity: Float64Array; kept: Float64Array; contraction: null; mixture: Float64Array; paths: Float64Array | null };

  constructor(
    private readonly config: Readonly<RunConfig>,
    readonly first: number,
    readonly count: number,
  ) {
    const s = mixtureSettings(config);
    this.s = s;
    this.K = s.components;
    this.d = s.d;
    this.P = mixtureParamSize(this.K, this.d);
    this.params = new Float64Array(count * this.P);
    this.live = new Uint8Array(count * this.K).fill(1);
    this.states = seedStreams(config.seed, first, count);
    this.truth = new TruthSampler(s);
    this.evaluation = new MixtureEvaluation(s, this.truth, config.seed);
    const fresh = config.data.mode === 'fresh' ? config.data.realPerGeneration : 0;
    const nMax = maxSampleSize(config) + fresh;
    const accumulate = config.data.mode === 'accumulate';
    const pooled = accumulate ? pooledPoints(config) : 0;
    this.em = new WeightedEm(this.K, this.d, Math.max(nMax, pooled), s);
    this.model = new MixtureDensity(this.K, this.d);
    this.x = new Float64Array(nMax * this.d);
    this.v = new Float64Array(nMax);
    const filtered = config.filter.kind === 'oracle';
    this.scores = new Float64Array(filtered ? nMax : 0);
    this.scratch = new Float64Array(filtered ? nMax : 0);
    this.keep = new Uint8Array(filtered ? nMax : 0);
    this.logs = new Float64Array(Math.max(this.K, s.truthWeights.length));
    this.pools = accumulate ? Array.from({ length: count }, () => new Float64Array(pooled * this.d)) : [];
    this.poolSize = new Int32Array(count);
    // The verifier's ball is centred on the truth's overall mean, offset along (1, ..., 1)/sqrt(d).
    this.center = config.filter.kind === 'verifier' ? verifierCenter(this.evaluation.trueMean, config.filter.centerOffset ?? 0) : null;
    this.out = {
      errSq: new Float64Array(count),
      diversity: new Float64Array(count),
      kept: new Float64Array(count),
      contraction: null,
      mixture: new Float64Array(count * MIXTURE_STRIDE),
      paths: pathRows(config, first, count) > 0 ? new Float64Array(pathRows(config, first, count) * this.P) : null,
    };
  }

  initial(): GenerationRaw {
    const n = sampleSizeAt(this.config.sampleSize, 0);
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      this.truth.draw(this.rng, this.x, n);
      let reseeded: number;
      if (this.pools.length > 0) {
        this.pools[r].set(this.x.subarray(0, n * this.d), 0);
        this.poolSize[r] = n;
        reseeded = this.fit(this.pools[r], null, n, r, 0);
      } else {
        reseeded = this.fit(this.x, null, n, r, 0);
      }
      this.finish(r, 1, reseeded);
    }
    return { t: 0, sampleSize: n, pathSize: this.P, ...this.out };
  }

  advance(t: number): GenerationRaw {
    const n = sampleSizeAt(this.config.sampleSize, t);
    const { data } = this.config;
    const d = this.d;
    for (let r = 0; r < this.count; r++) {
      const off = r * this.P;
      this.rng.load(this.states, r);
      const problem = this.model.prepare(this.params, off);
      if (problem) throw new SimulationFailure(t, `replicate ${this.first + r}: ${problem}`);
      for (let i = 0; i < n; i++) this.model.sample(this.rng, this.x, i * d);
      const kept = this.filter(n, t, r);
      let reseeded: number;
      if (data.mode === 'accumulate') {
        const pool = this.pools[r];
        pool.set(this.x.subarray(0, kept * d), this.poolSize[r] * d);
        this.poolSize[r] += kept;
        reseeded = this.fit(pool, null, this.poolSize[r], r, t);
      } else if (data.mode === 'fresh') {
        const real = data.realPerGeneration;
        const w = data.realWeight;
        this.truth.draw(this.rng, this.x.subarray(kept * d), real);
        this.v.fill((1 - w) / kept, 0, kept);
        this.v.fill(w / real, kept, kept + real);
        reseeded = this.fit(this.x, this.v, kept + real, r, t);
      } else {
        reseeded = this.fit(this.x, null, kept, r, t);
      }
      this.finish(r, kept / n, reseeded);
    }
    return { t, sampleSize: n, pathSize: this.P, ...this.out };
  }

  /** Keeps the filter's candidates among rows [0, n) of x, moved to the front in order; returns how many. */
  private filter(n: number, t: number, r: number): number {
    const { filter } = this.config;
    const d = this.d;
    const x = this.x;
    if (filter.kind === 'oracle') {
      const density = this.truth.trueDensity!;
      for (let i = 0; i < n; i++) this.scores[i] = density.componentLogs(x, i * d, this.logs);
      const k = Math.round(filter.keepFraction * n);
      if (k < 1) throw new SimulationFailure(t, `the oracle filter keeps round(${filter.keepFraction} x ${n}) = 0 candidates`);
      keepTopK(this.scores, n, k, this.scratch, this.keep);
      return compact(x, d, n, (i) => this.keep[i] === 1);
    }
    if (filter.kind === 'verifier') {
      const c = this.center!;
      const r2 = (filter.radius ?? 0) ** 2;
      const kept = compact(x, d, n, (i) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += (x[i * d + j] - c[j]) ** 2;
        return s <= r2;
      });
      if (kept === 0) throw new SimulationFailure(t, `replicate ${this.first + r}: the verifier accepted none of the ${n} candidates (radius ${filter.radius})`);
      return kept;
    }
    return n;
  }

  /** EM on rows [0, n) of x (weights v) into replicate r's parameters; returns the components re-seeded. */
  private fit(x: Float64Array, v: Float64Array | null, n: number, r: number, t: number): number {
    const live = this.live.subarray(r * this.K, (r + 1) * this.K);
    const result = this.em.fit(x, v, n, this.rng, this.params, r * this.P, live);
    if (typeof result === 'string') throw new SimulationFailure(t, `replicate ${this.first + r}: ${result}`);
    for (let j = 0; j < this.P; j++) {
      if (!Number.isFinite(this.params[r * this.P + j])) throw new SimulationFailure(t, `replicate ${this.first + r}: the fitted mixture is no longer finite numbers`);
    }
    return result.reseeded;
  }

  /** Scores replicate r's fresh fit (EM left its density prepared) and saves its stream. */
  private finish(r: number, kept: number, reseeded: number): void {
    const sc = this.score;
    this.evaluation.score(this.em.density, this.params, r * this.P, this.rng, sc);
    this.rng.save(this.states, r);
    this.out.errSq[r] = sc.errSq;
    this.out.diversity[r] = sc.diversity;
    this.out.kept[r] = kept;
    const m = this.out.mixture;
    const o = r * MIXTURE_STRIDE;
    m[o] = sc.distance;
    m[o + 1] = sc.distanceSe;
    m[o + 2] = sc.tails;
    m[o + 3] = sc.minWeight;
    m[o + 4] = sc.components;
    m[o + 5] = reseeded;
    const paths = this.out.paths;
    const off = r * this.P;
    if (paths && off + this.P <= paths.length) this.writeCanonical(off, paths);
  }

  /**
   * A fit's parameter vector into a recorded path with its components in a canonical order (by
   * the first coordinate of their means, then the next; dropped components last): EM numbers
   * its components anew at every fit, and a path that followed those numbers would jump between
   * label orders. Only the record is reordered; the fit, and so every draw, is left as EM made it.
   */
  private writeCanonical(off: number, out: Float64Array): void {
    const { K, d, params } = this;
    const mean = (k: number, j: number) => params[off + K + k * d + j];
    const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => {
      const la = params[off + a] > 0 ? 0 : 1;
      const lb = params[off + b] > 0 ? 0 : 1;
      if (la !== lb) return la - lb;
      for (let j = 0; j < d; j++) if (mean(a, j) !== mean(b, j)) return mean(a, j) - mean(b, j);
      return a - b;
    });
    order.forEach((k, i) => {
      out[off + i] = params[off + k];
      for (let j = 0; j < d; j++) out[off + K + i * d + j] = mean(k, j);
      out.set(params.subarray(off + K + K * d + k * d * d, off + K + K * d + (k + 1) * d * d), off + K + K * d + i * d * d);
    });
  }

  /** The distance the export reports: KL for a truth with a density, else the cross-entropy. */
  get distanceKind(): 'kl' | 'cross-entropy' {
    return this.evaluation.distanceKind;
  }
}

/** Moves the rows i < n with keep(i) to the front of x, in order; returns their count. */
function compact(x: Float64Array, d: number, n: number, keep: (i: number) => boolean): number {
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    if (k !== i) x.copyWithin(k * d, i * d, (i + 1) * d);
    k++;
  }
  return k;
}
