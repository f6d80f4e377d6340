import type { Family } from '../config/types';
import { bernoulli, exponential, poisson } from '../random/samplers';
import type { Xoshiro128 } from '../random/xoshiro';
import { logGamma } from '../theory/special';
import type { FamilyKernel } from './family';

/**
 * Families with d independent coordinates and one natural parameter each: Poisson (rate),
 * Bernoulli (success probability) and exponential (rate). Their sufficient statistic is x itself,
 * so the weighted MLE matches the weighted mean: lambda = mean, p = mean, rate = 1 / mean.
 */
export class CoordinatewiseKernel implements FamilyKernel {
  readonly paramSize: number;
  readonly fullMoments = false;

  constructor(
    readonly family: Exclude<Family, 'gaussian'>,
    readonly d: number,
    private readonly truth: Float64Array,
  ) {
    this.paramSize = d;
  }

  writeTruth(params: Float64Array, offset: number): void {
    for (let j = 0; j < this.d; j++) params[offset + j] = this.truth[j];
  }

  prepare(): string | undefined {
    return undefined;
  }

  sample(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, outOffset: number): void {
    for (let j = 0; j < this.d; j++) {
      const theta = params[offset + j];
      out[outOffset + j] =
        this.family === 'poisson' ? poisson(rng, theta) : this.family === 'bernoulli' ? bernoulli(rng, theta) : exponential(rng, theta);
    }
  }

  sampleMany(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) this.sample(rng, params, offset, out, i * this.d);
  }

  center(params: Float64Array, offset: number, out: Float64Array): void {
    for (let j = 0; j < this.d; j++) {
      const theta = params[offset + j];
      out[j] = this.family === 'exponential' ? 1 / theta : theta;
    }
  }

  logLikTruth(x: Float64Array, offset: number): number {
    let s = 0;
    for (let j = 0; j < this.d; j++) {
      const v = x[offset + j];
      const t = this.truth[j];
      if (this.family === 'poisson') s += v * Math.log(t) - t - logGamma(v + 1);
      else if (this.family === 'bernoulli') s += v * Math.log(t) + (1 - v) * Math.log(1 - t);
      else s += Math.log(t) - t * v;
    }
    return s;
  }

  fit(m: Float64Array, mo: number, params: Float64Array, offset: number): string | undefined {
    if (!(m[mo] > 0)) return 'no samples kept to fit';
    for (let j = 0; j < this.d; j++) {
      const mean = m[mo + 2 + j];
      if (this.family === 'exponential') {
        const rate = 1 / mean;
        if (!Number.isFinite(rate)) return `the exponential rate overflowed (sample mean ${mean.toExponential(3)})`;
        params[offset + j] = rate;
      } else {
        params[offset + j] = mean;
      }
    }
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
    let s = 0;
    for (let j = 0; j < this.d; j++) {
      const t = params[offset + j];
      s += this.family === 'poisson' ? t : this.family === 'bernoulli' ? t * (1 - t) : 1 / (t * t);
    }
    return s / this.d;
  }
}
