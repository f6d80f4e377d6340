import { truthVector } from '../config/defaults';
import type { RunConfig } from '../config/types';
import { unreachable } from '../core/unreachable';
import { SimulationFailure } from '../core/failure';
import type { GenerationBlock, GenerationRaw } from '../core/replicate-block';
import { sampleSizeAt } from '../core/schedules';
import { cholesky } from '../families/gaussian';
import { normal } from '../random/ziggurat';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { dataMixing, designSpectrum, regressionNoise, ridgePenalty, verifierCenter } from './design';
import { MAX_DIRECTION_DRAWS, directionsSettings, fixedDirectionsDesign, gram, symmetricEigen } from './directions';

/**
 * Recursive linear regression (docs/experiments.md sections 5 and 6; seeds 002 and 004): x ~ N(0, Sigma)
 * with Sigma diagonal, y = x' w + noise; generation 0 fits w_0 on n_0 real pairs (noise sigma),
 * generation t >= 1 labels n_t inputs with w_{t-1} (noise sigma_0) and refits by OLS or ridge,
 * w = (X'X/N + lambda I)^-1 X'y/N. The sufficient statistics X'X and X'y are all a fit needs,
 * so `accumulate` pools them and never stores old data. `sharedDesign` draws one X per replicate
 * and relabels it every generation. The verifier keeps a pair iff |y - x' theta_c| <= r ||x|| + sigma_c.
 *
 * Three protocols change that picture (docs/experiments.md sections 3, 5 and 6):
 * - `data.mixing = pooled` (fresh): one weighted fit on both parts, per-sample weights w/n_real and
 *   (1 - w)/n_syn (seed 003's RandomLR), drawn in the same order as the separate mix.
 * - `sampleSize.final = T`: the chain w_t is Dohmatob et al.'s fake-data generators (w_0 = w*, then
 *   OLS on n_t pairs labelled by w_{t-1} with noise sigma_0), and every generation also fits the
 *   final model on T fresh pairs labelled by w_t with noise sigma (ridge, if set, applies to it
 *   alone). The errors reported are the final model's.
 * - `filter.protocol = directions` (seed 002's final notebook): generation 0 is OLS on a design X0
 *   (one for the run or one per replicate); generation t labels each right singular vector v_j of X0
 *   with y = v_j' w_{t-1} + sigma_0 z, drawing until k labels pass |y - v_j' theta_c| <= r ||v_j|| +
 *   sigma_c, and w_t = sum_j v_j mean_j: OLS on the accepted pairs, as V is orthonormal.
 */
export class RegressionBlock implements GenerationBlock {
  private readonly d: number;
  private readonly w: Float64Array; // count x d coefficients
  private readonly truth: Float64Array;
  private readonly sqrtSpectrum: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly states: Uint32Array;
  private readonly rng = new Xoshiro128();
  private readonly xtx: Float64Array; // d x d, lower triangle filled
  private readonly xty: Float64Array;
  private readonly accXtx: Float64Array; // count x d x d (accumulate)
  private readonly accXty: Float64Array;
  private readonly accN: Float64Array;
  private readonly shared: Float64Array; // count x n x d (sharedDesign)
  private readonly x: Float64Array;
  private readonly a: Float64Array;
  private readonly L: Float64Array;
  private readonly sol: Float64Array;
  private readonly real: Float64Array;
  private readonly center: Float64Array | null;
  private readonly out: { errSq: Float64Array; diversity: Float64Array; kept: Float64Array; testErr: Float64Array };
  private readonly noise: { real: number; synthetic: number };
  private readonly pooled: boolean;
  private readonly synXtx: Float64Array; // pooled fresh: the synthetic part's X'X, X'y
  private readonly synXty: Float64Array;
  private readonly finalN: number; // sampleSize.final (0: no final fit)
  private readonly finalW: Float64Array; // count x d final models
  private readonly directions: { k: number; x0: Float64Array | null; V: Float64Array; shared: boolean } | null;

  constructor(
    private readonly config: Readonly<RunConfig>,
    readonly first: number,
    readonly count: number,
  ) {
    const d = config.model.dim;
    this.d = d;
    this.truth = truthVector(config);
    this.spectrum = designSpectrum(config);
    this.sqrtSpectrum = this.spectrum.map(Math.sqrt);
    this.noise = regressionNoise(config);
    this.w = new Float64Array(count * d);
    this.states = seedStreams(config.seed, first, count);
    this.xtx = new Float64Array(d * d);
    this.xty = new Float64Array(d);
    const accumulate = config.data.mode === 'accumulate';
    this.accXtx = new Float64Array(accumulate ? count * d * d : 0);
    this.accXty = new Float64Array(accumulate ? count * d : 0);
    this.accN = new Float64Array(accumulate ? count : 0);
    this.shared = new Float64Array(config.data.sharedDesign ? count * config.sampleSize.n0 * d : 0);
    this.x = new Float64Array(d);
    this.a = new Float64Array(d * d);
    this.L = new Float64Array(d * d);
    this.sol = new Float64Array(d);
    this.real = new Float64Array(d);
    this.center = config.filter.kind === 'verifier' ? verifierCenter(this.truth, config.filter.centerOffset ?? 0) : null;
    this.out = { errSq: new Float64Array(count), diversity: new Float64Array(count), kept: new Float64Array(count), testErr: new Float64Array(count) };
    this.pooled = config.data.mode === 'fresh' && dataMixing(config) === 'pooled';
    this.synXtx = new Float64Array(this.pooled ? d * d : 0);
    this.synXty = new Float64Array(this.pooled ? d : 0);
    this.finalN = config.sampleSize.final ?? 0;
    this.finalW = new Float64Array(this.finalN > 0 ? count * d : 0);
    if (config.filter.kind === 'verifier' && config.filter.protocol === 'directions') {
      const { k, design } = directionsSettings(config);
      const n0 = sampleSizeAt(config.sampleSize, 0);
      if (design === 'fixed') {
        // One X0 for the whole run: its directions are computed once and shared by every replicate.
        const x0 = fixedDirectionsDesign(config, n0);
        this.directions = { k, x0, V: symmetricEigen(gram(x0, n0, d), d).vectors, shared: true };
      } else {
        this.directions = { k, x0: null, V: new Float64Array(count * d * d), shared: false };
      }
    } else {
      this.directions = null;
    }
  }

  initial(): GenerationRaw {
    const d = this.d;
    if (this.finalN > 0) {
      // Figure 4 of seed 004: the first generator is the truth itself; the final model is fitted
      // on T clean pairs from it (sigma^2 d/(T - d - 1) under OLS).
      for (let r = 0; r < this.count; r++) {
        this.rng.load(this.states, r);
        this.w.set(this.truth, r * d);
        this.finalFit(r, 0);
        this.rng.save(this.states, r);
        this.record(r, 1);
      }
      return this.raw(0, this.finalN);
    }
    const n = sampleSizeAt(this.config.sampleSize, 0);
    const dirs = this.directions;
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      this.collect(r, this.truth, 0, n, this.noise.real, false, dirs?.shared ? 'fixed' : this.shared.length > 0 ? 'store' : 'fresh');
      if (this.accXtx.length > 0) this.pool(r, n);
      if (dirs && !dirs.shared) {
        // This replicate's own X0: its right singular vectors are its directions.
        const g = new Float64Array(d * d);
        for (let j = 0; j < d; j++) for (let k = 0; k <= j; k++) g[j * d + k] = g[k * d + j] = this.xtx[j * d + k];
        dirs.V.set(symmetricEigen(g, d).vectors, r * d * d);
      }
      this.fit(n, this.w, r * d, 0);
      this.rng.save(this.states, r);
      this.record(r, 1);
    }
    return this.raw(0, n);
  }

  advance(t: number): GenerationRaw {
    const n = sampleSizeAt(this.config.sampleSize, t);
    const d = this.d;
    const { mode } = this.config.data;
    if (this.directions) {
      for (let r = 0; r < this.count; r++) {
        this.rng.load(this.states, r);
        const kept = this.drawDirections(r, t);
        this.rng.save(this.states, r);
        this.record(r, kept);
      }
      return this.raw(t, d * this.directions.k);
    }
    if (this.finalN > 0) {
      for (let r = 0; r < this.count; r++) {
        this.rng.load(this.states, r);
        // The generator: OLS on n_t pairs labelled by the previous generator, noise sigma_0.
        this.collect(r, this.w, r * d, n, this.noise.synthetic, false, 'fresh');
        this.fit(n, this.w, r * d, t, 0);
        this.finalFit(r, t);
        this.rng.save(this.states, r);
        this.record(r, 1);
      }
      return this.raw(t, n);
    }
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      const accepted = this.collect(r, this.w, r * d, n, this.noise.synthetic, this.center !== null, this.shared.length > 0 ? 'reuse' : 'fresh');
      switch (mode) {
        case 'accumulate':
          this.pool(r, accepted);
          this.xtx.set(this.accXtx.subarray(r * d * d, (r + 1) * d * d));
          this.xty.set(this.accXty.subarray(r * d, (r + 1) * d));
          this.fit(this.accN[r], this.w, r * d, t);
          break;
        case 'replace':
          this.fit(accepted, this.w, r * d, t);
          break;
        case 'fresh':
          this.fresh(r, accepted, t);
          break;
        default:
          unreachable(mode);
      }
      this.rng.save(this.states, r);
      this.record(r, accepted / n);
    }
    return this.raw(t, n);
  }

  /** Fresh real pairs every generation (seed 003), pooled into one fit or mixed in parameter space. */
  private fresh(r: number, accepted: number, t: number): void {
    const d = this.d;
    const { realWeight, realPerGeneration } = this.config.data;
    if (this.pooled) {
      // Seed 003's RandomLR: one least-squares fit on both parts, weights (1 - w)/n_syn and w/n_real,
      // i.e. (sum_i a_i x_i x_i' + lambda I)^-1 sum_i a_i x_i y_i with the weights a_i summing to 1.
      if (accepted === 0 && realWeight < 1) throw new SimulationFailure(t, 'the verifier accepted no pair to fit');
      this.synXtx.set(this.xtx);
      this.synXty.set(this.xty);
      this.collect(r, this.truth, 0, realPerGeneration, this.noise.real, false, 'fresh');
      const ws = accepted > 0 ? (1 - realWeight) / accepted : 0;
      const wr = realWeight / realPerGeneration;
      for (let i = 0; i < d * d; i++) this.xtx[i] = ws * this.synXtx[i] + wr * this.xtx[i];
      for (let j = 0; j < d; j++) this.xty[j] = ws * this.synXty[j] + wr * this.xty[j];
      const N = accepted + realPerGeneration;
      this.fit(N, this.w, r * d, t, ridgePenalty(this.config, N), 1);
      return;
    }
    // Seed 003's mix in parameter space: w_t = w * (fit on fresh real pairs) + (1 - w) * (fit on synthetic).
    this.fit(accepted, this.w, r * d, t);
    this.collect(r, this.truth, 0, realPerGeneration, this.noise.real, false, 'fresh');
    this.fit(realPerGeneration, this.real, 0, t);
    for (let j = 0; j < d; j++) this.w[r * d + j] = realWeight * this.real[j] + (1 - realWeight) * this.w[r * d + j];
  }

  /**
   * Draws n pairs labelled by the coefficients at coef[off] with the given noise, keeps those the
   * verifier accepts (all without one), and leaves their X'X, X'y in this.xtx, this.xty.
   * Returns how many were kept. `design`: draw fresh inputs, draw and keep them as replicate r's
   * shared design (generation 0), reuse that design, or read the run's fixed directions design.
   */
  private collect(r: number, coef: Float64Array, off: number, n: number, sigma: number, verify: boolean, design: 'fresh' | 'store' | 'reuse' | 'fixed'): number {
    const d = this.d;
    const x = this.x;
    const xtx = this.xtx;
    const xty = this.xty;
    xtx.fill(0);
    xty.fill(0);
    const base = r * this.config.sampleSize.n0 * d;
    let kept = 0;
    const slack = this.config.filter.slack ?? 0;
    const radius = this.config.filter.radius ?? 0;
    for (let i = 0; i < n; i++) {
      if (design === 'reuse') {
        for (let j = 0; j < d; j++) x[j] = this.shared[base + i * d + j];
      } else if (design === 'fixed') {
        for (let j = 0; j < d; j++) x[j] = this.directions!.x0![i * d + j];
      } else {
        for (let j = 0; j < d; j++) x[j] = this.sqrtSpectrum[j] * normal(this.rng);
        if (design === 'store') this.shared.set(x, base + i * d);
      }
      let y = sigma * normal(this.rng);
      for (let j = 0; j < d; j++) y += x[j] * coef[off + j];
      if (verify) {
        let pred = 0;
        let norm2 = 0;
        for (let j = 0; j < d; j++) {
          pred += x[j] * this.center![j];
          norm2 += x[j] * x[j];
        }
        if (Math.abs(y - pred) > radius * Math.sqrt(norm2) + slack) continue;
      }
      kept++;
      for (let j = 0; j < d; j++) {
        const xj = x[j];
        xty[j] += xj * y;
        const row = j * d;
        for (let k = 0; k <= j; k++) xtx[row + k] += xj * x[k];
      }
    }
    return kept;
  }

  /** Adds this generation's X'X, X'y to replicate r's pooled statistics (accumulate). */
  private pool(r: number, n: number): void {
    const d = this.d;
    const o = r * d * d;
    for (let i = 0; i < d * d; i++) this.accXtx[o + i] += this.xtx[i];
    for (let j = 0; j < d; j++) this.accXty[r * d + j] += this.xty[j];
    this.accN[r] += n;
  }

  /**
   * w = (X'X/s + lambda I)^-1 X'y/s by Cholesky, into coef[off..]; s = N unless a caller has already
   * weighted X'X and X'y (pooled fresh data passes s = 1), lambda the run's penalty for N pairs
   * unless given (the generators of a final-fit run are OLS).
   */
  private fit(N: number, coef: Float64Array, off: number, t: number, lambda = ridgePenalty(this.config, N), s = N): void {
    const d = this.d;
    if (N < 1) throw new SimulationFailure(t, 'the verifier accepted no pair to fit');
    if (lambda === 0 && N < d) throw new SimulationFailure(t, `OLS needs at least d = ${d} pairs, got ${N}${this.center ? ' after the verifier' : ''}`);
    const a = this.a;
    for (let j = 0; j < d; j++) {
      for (let k = 0; k <= j; k++) a[j * d + k] = this.xtx[j * d + k] / s;
      a[j * d + j] += lambda;
      for (let k = 0; k < j; k++) a[k * d + j] = a[j * d + k];
    }
    const problem = cholesky(a, 0, d, this.L);
    if (problem) throw new SimulationFailure(t, `X'X/N + lambda I is singular: ${problem.replace(/^the fitted covariance/, 'the design')}`);
    // Forward then backward substitution: L L' w = X'y / N.
    const L = this.L;
    const z = this.sol;
    for (let j = 0; j < d; j++) {
      let acc = this.xty[j] / s;
      for (let k = 0; k < j; k++) acc -= L[j * d + k] * z[k];
      z[j] = acc / L[j * d + j];
    }
    for (let j = d - 1; j >= 0; j--) {
      let acc = z[j];
      for (let k = j + 1; k < d; k++) acc -= L[k * d + j] * coef[off + k];
      coef[off + j] = acc / L[j * d + j];
      if (!Number.isFinite(coef[off + j])) throw new SimulationFailure(t, 'the fitted coefficients are no longer finite numbers');
    }
  }

  /** The final model of replicate r: T fresh pairs labelled by its generator w_t, noise sigma, the run's ridge. */
  private finalFit(r: number, t: number): void {
    const d = this.d;
    this.collect(r, this.w, r * d, this.finalN, this.noise.real, false, 'fresh');
    this.fit(this.finalN, this.finalW, r * d, t);
  }

  /**
   * The directions protocol at generation t >= 1 for replicate r: along each v_j (in decreasing
   * order of singular value) draw y = v_j' w_{t-1} + sigma_0 z, one normal at a time, until k pass
   * |y - v_j' theta_c| <= r ||v_j|| + sigma_c; the mean of those k is the new coordinate along v_j,
   * and w_t = sum_j mean_j v_j. Returns the accepted share of the draws.
   */
  private drawDirections(r: number, t: number): number {
    const d = this.d;
    const { k, V: allV, shared } = this.directions!;
    const vo = shared ? 0 : r * d * d;
    const sigma0 = this.noise.synthetic;
    const radius = this.config.filter.radius ?? 0;
    const slack = this.config.filter.slack ?? 0;
    const c = this.center!;
    const coords = this.sol;
    let draws = 0;
    for (let j = 0; j < d; j++) {
      let along = 0;
      let centre = 0;
      let norm2 = 0;
      for (let i = 0; i < d; i++) {
        const v = allV[vo + i * d + j];
        along += v * this.w[r * d + i];
        centre += v * c[i];
        norm2 += v * v;
      }
      const threshold = radius * Math.sqrt(norm2) + slack;
      let kept = 0;
      let sum = 0;
      let drawn = 0;
      while (kept < k) {
        if (drawn === MAX_DIRECTION_DRAWS) {
          throw new SimulationFailure(t, `replicate ${this.first + r}: the verifier accepted ${kept} of ${drawn} labels along direction ${j + 1}; it needs ${k}`);
        }
        const y = along + sigma0 * normal(this.rng);
        drawn++;
        if (Math.abs(y - centre) <= threshold) {
          sum += y;
          kept++;
        }
      }
      coords[j] = sum / k;
      draws += drawn;
    }
    for (let i = 0; i < d; i++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += allV[vo + i * d + j] * coords[j];
      if (!Number.isFinite(v)) throw new SimulationFailure(t, 'the fitted coefficients are no longer finite numbers');
      this.w[r * d + i] = v;
    }
    return (d * k) / draws;
  }

  private record(r: number, kept: number): void {
    let err = 0;
    let test = 0;
    const model = this.finalN > 0 ? this.finalW : this.w;
    for (let j = 0; j < this.d; j++) {
      const e = model[r * this.d + j] - this.truth[j];
      err += e * e;
      test += this.spectrum[j] * e * e;
    }
    this.out.errSq[r] = err;
    this.out.testErr[r] = test;
    this.out.kept[r] = kept;
  }

  private raw(t: number, n: number): GenerationRaw {
    return { t, sampleSize: n, ...this.out, contraction: null, hasDiversity: false };
  }
}
