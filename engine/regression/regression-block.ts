import { truthVector } from '../config/defaults';
import type { RunConfig } from '../config/types';
import { SimulationFailure } from '../core/failure';
import type { GenerationBlock, GenerationRaw } from '../core/replicate-block';
import { sampleSizeAt } from '../core/schedules';
import { cholesky } from '../families/gaussian';
import { normal } from '../random/ziggurat';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { designSpectrum, regressionNoise, ridgePenalty, verifierCenter } from './design';

/**
 * Recursive linear regression (docs/experiments.md sections 5 and 6; seeds 002 and 004): x ~ N(0, Sigma)
 * with Sigma diagonal, y = x' w + noise; generation 0 fits w_0 on n_0 real pairs (noise sigma),
 * generation t >= 1 labels n_t inputs with w_{t-1} (noise sigma_0) and refits by OLS or ridge,
 * w = (X'X/N + lambda I)^-1 X'y/N. The sufficient statistics X'X and X'y are all a fit needs,
 * so `accumulate` pools them and never stores old data. `sharedDesign` draws one X per replicate
 * and relabels it every generation. The verifier keeps a pair iff |y - x' theta_c| <= r ||x|| + sigma_c.
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
  }

  initial(): GenerationRaw {
    const n = sampleSizeAt(this.config.sampleSize, 0);
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      this.collect(r, this.truth, 0, n, this.noise.real, false, this.shared.length > 0 ? 'store' : 'fresh');
      if (this.accXtx.length > 0) this.pool(r, n);
      this.fit(n, this.w, r * this.d, 0);
      this.rng.save(this.states, r);
      this.record(r, 1);
    }
    return this.raw(0, n);
  }

  advance(t: number): GenerationRaw {
    const n = sampleSizeAt(this.config.sampleSize, t);
    const d = this.d;
    const { mode, realPerGeneration, realWeight } = this.config.data;
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      const accepted = this.collect(r, this.w, r * d, n, this.noise.synthetic, this.center !== null, this.shared.length > 0 ? 'reuse' : 'fresh');
      if (mode === 'accumulate') {
        this.pool(r, accepted);
        this.xtx.set(this.accXtx.subarray(r * d * d, (r + 1) * d * d));
        this.xty.set(this.accXty.subarray(r * d, (r + 1) * d));
        this.fit(this.accN[r], this.w, r * d, t);
      } else if (mode === 'replace') {
        this.fit(accepted, this.w, r * d, t);
      } else {
        // Seed 003's mix in parameter space: w_t = w * (fit on fresh real pairs) + (1 - w) * (fit on synthetic).
        this.fit(accepted, this.w, r * d, t);
        this.collect(r, this.truth, 0, realPerGeneration, this.noise.real, false, 'fresh');
        this.fit(realPerGeneration, this.real, 0, t);
        for (let j = 0; j < d; j++) this.w[r * d + j] = realWeight * this.real[j] + (1 - realWeight) * this.w[r * d + j];
      }
      this.rng.save(this.states, r);
      this.record(r, accepted / n);
    }
    return this.raw(t, n);
  }

  /**
   * Draws n pairs labelled by the coefficients at coef[off] with the given noise, keeps those the
   * verifier accepts (all without one), and leaves their X'X, X'y in this.xtx, this.xty.
   * Returns how many were kept. `design`: draw fresh inputs, draw and keep them as replicate r's
   * shared design (generation 0), or reuse that design.
   */
  private collect(r: number, coef: Float64Array, off: number, n: number, sigma: number, verify: boolean, design: 'fresh' | 'store' | 'reuse'): number {
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

  /** w = (X'X/N + lambda I)^-1 X'y/N by Cholesky, into coef[off..]. */
  private fit(N: number, coef: Float64Array, off: number, t: number): void {
    const d = this.d;
    const lambda = ridgePenalty(this.config, N);
    if (N < 1) throw new SimulationFailure(t, 'the verifier accepted no pair to fit');
    if (lambda === 0 && N < d) throw new SimulationFailure(t, `OLS needs at least d = ${d} pairs, got ${N}${this.center ? ' after the verifier' : ''}`);
    const a = this.a;
    for (let j = 0; j < d; j++) {
      for (let k = 0; k <= j; k++) a[j * d + k] = this.xtx[j * d + k] / N;
      a[j * d + j] += lambda;
      for (let k = 0; k < j; k++) a[k * d + j] = a[j * d + k];
    }
    const problem = cholesky(a, 0, d, this.L);
    if (problem) throw new SimulationFailure(t, `X'X/N + lambda I is singular: ${problem.replace(/^the fitted covariance/, 'the design')}`);
    // Forward then backward substitution: L L' w = X'y / N.
    const L = this.L;
    const z = this.sol;
    for (let j = 0; j < d; j++) {
      let s = this.xty[j] / N;
      for (let k = 0; k < j; k++) s -= L[j * d + k] * z[k];
      z[j] = s / L[j * d + j];
    }
    for (let j = d - 1; j >= 0; j--) {
      let s = z[j];
      for (let k = j + 1; k < d; k++) s -= L[k * d + j] * coef[off + k];
      coef[off + j] = s / L[j * d + j];
      if (!Number.isFinite(coef[off + j])) throw new SimulationFailure(t, 'the fitted coefficients are no longer finite numbers');
    }
  }

  private record(r: number, kept: number): void {
    let err = 0;
    let test = 0;
    for (let j = 0; j < this.d; j++) {
      const e = this.w[r * this.d + j] - this.truth[j];
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
