import type { RunConfig } from '../config/types';
import type { GenerationBlock, GenerationRaw } from '../core/replicate-block';
import { SimulationFailure } from '../core/failure';
import type { RunInputs } from '../core/run-inputs';
import type { DigitSet } from '../data/mnist';
import { seedStreams, Xoshiro128 } from '../random/xoshiro';
import { normal } from '../random/ziggurat';
import { kernelMatrix, pointsFromPixels, type Points } from './kernels';
import { kernelRidgeSettings, type KernelRidgeSettings } from './settings';
import { choleskySolve, kernelPredict, kernelRidgeCoefficients, ridgeFactor } from './solve';

/** The regression target: +1 for an even digit, -1 for an odd one (the MNIST task of Cui et al. 2022). */
export function parityTarget(label: number): number {
  return label % 2 === 0 ? 1 : -1;
}

/** One replicate's state: its draw of the training pool, its final-fit factor, its current faker. */
interface Replicate {
  readonly order: Uint32Array;
  readonly final: Points;
  /** Cholesky factor of K + T lambda I on the final fit's points (lambda is fixed, so one factor serves every generation). */
  readonly factor: Float64Array;
  /** k(final points, test points), T x m. */
  readonly cross: Float64Array;
  /** The faker w_t as (its points, its coefficients); null at t = 0, where w_0 is the truth. */
  faker: { readonly points: Points; readonly coef: Float64Array } | null;
}

/**
 * Seed 004 (Dohmatob, Feng and Kempe 2024), Figures 4 and 5, on MNIST with a kernel: generation
 * t's labels come from the faker w_t, where w_0 is the truth (digit parity) and w_t is kernel
 * ridge fitted on T0 fresh digits labelled by w_{t-1} plus N(0, sigma0^2) noise, at its own
 * classical optimum lambda = T0^-l_crit. At every generation a final model is fitted on T digits
 * (the same ones every generation) labelled by w_t plus N(0, sigma^2) noise, with the adaptive
 * lambda = T^-l, and scored by its mean squared error against the true labels on the test digits:
 * that is the `errSq` and `testErr` of the generation (as for regression's final fit).
 */
export class KernelRidgeBlock implements GenerationBlock {
  private readonly s: KernelRidgeSettings;
  private readonly train: DigitSet;
  private readonly test: Points;
  private readonly truthTest: Float64Array;
  private readonly states: Uint32Array;
  private readonly rng = new Xoshiro128();
  private readonly reps: Replicate[] = [];
  private readonly out: { errSq: Float64Array; diversity: Float64Array; kept: Float64Array; testErr: Float64Array };

  constructor(
    private readonly config: Readonly<RunConfig>,
    first: number,
    private readonly count: number,
    inputs: RunInputs | undefined,
  ) {
    if (!inputs?.mnist) throw new SimulationFailure(0, 'kernel-ridge needs the MNIST digits, and the host passed none');
    this.s = kernelRidgeSettings(config);
    this.train = inputs.mnist.train;
    const test = inputs.mnist.test;
    const need = this.s.T + config.generations * this.s.t0;
    if (need > this.train.count) throw new SimulationFailure(0, `${config.generations} fakers of ${this.s.t0} digits and a final fit of ${this.s.T} need ${need} training digits, ${this.train.count} given`);
    if (this.s.testDigits > test.count) throw new SimulationFailure(0, `${this.s.testDigits} test digits asked, ${test.count} given`);
    const testIdx = Array.from({ length: this.s.testDigits }, (_, i) => i);
    this.test = pointsFromPixels(test.images, test.pixels, testIdx);
    this.truthTest = Float64Array.from(testIdx, (i) => parityTarget(test.labels[i]));
    this.states = seedStreams(config.seed, first, count);
    this.out = { errSq: new Float64Array(count), diversity: new Float64Array(count), kept: new Float64Array(count).fill(1), testErr: new Float64Array(count) };
  }

  initial(): GenerationRaw {
    const { T } = this.s;
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      const order = permutation(this.train.count, this.rng);
      // The final fit's digits come first in the replicate's order, then T0 per faker.
      const final = pointsFromPixels(this.train.images, this.train.pixels, order.subarray(0, T));
      const rep: Replicate = {
        order,
        final,
        factor: ridgeFactor(kernelMatrix(this.s.kernel, final, final), T, T ** -this.s.ell),
        cross: kernelMatrix(this.s.kernel, final, this.test),
        faker: null,
      };
      this.reps.push(rep);
      this.finalFit(r, rep);
      this.rng.save(this.states, r);
    }
    return this.raw(0);
  }

  advance(t: number): GenerationRaw {
    const { T, t0 } = this.s;
    for (let r = 0; r < this.count; r++) {
      this.rng.load(this.states, r);
      const rep = this.reps[r];
      const idx = rep.order.subarray(T + (t - 1) * t0, T + t * t0);
      const points = pointsFromPixels(this.train.images, this.train.pixels, idx);
      const y = this.labels(rep, points, idx);
      for (let i = 0; i < t0; i++) y[i] += this.s.sigma0 * normal(this.rng);
      rep.faker = { points, coef: kernelRidgeCoefficients(kernelMatrix(this.s.kernel, points, points), y, t0 ** -this.s.ellCrit) };
      this.finalFit(r, rep);
      this.rng.save(this.states, r);
    }
    return this.raw(t);
  }

  /** w_t at `points` (the true parity at t = 0). */
  private labels(rep: Replicate, points: Points, idx: ArrayLike<number>): Float64Array {
    if (!rep.faker) return Float64Array.from(idx, (i) => parityTarget(this.train.labels[i]));
    return kernelPredict(kernelMatrix(this.s.kernel, rep.faker.points, points), rep.faker.coef, points.count);
  }

  private finalFit(r: number, rep: Replicate): void {
    const { T } = this.s;
    const y = this.labels(rep, rep.final, rep.order.subarray(0, T));
    for (let i = 0; i < T; i++) y[i] += this.s.sigma * normal(this.rng);
    const f = kernelPredict(rep.cross, choleskySolve(rep.factor, y), this.test.count);
    let err = 0;
    for (let j = 0; j < f.length; j++) err += (f[j] - this.truthTest[j]) ** 2;
    this.out.errSq[r] = err / f.length;
    this.out.testErr[r] = err / f.length;
  }

  private raw(t: number): GenerationRaw {
    return { t, sampleSize: this.s.T, ...this.out, contraction: null, hasDiversity: false };
  }
}

/** Fisher-Yates over 0..n-1 with 53-bit uniforms. */
function permutation(n: number, rng: Xoshiro128): Uint32Array {
  const p = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    const tmp = p[i];
    p[i] = p[j];
    p[j] = tmp;
  }
  return p;
}
