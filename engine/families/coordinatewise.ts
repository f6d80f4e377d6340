import type { Xoshiro128 } from '../random/xoshiro';
import { COORDINATE_LAWS, type CoordinateFamily, type CoordinateLaw } from './coordinate-laws';
import type { FamilyKernel } from './family';

/**
 * Families with d independent coordinates and one natural parameter each (coordinate-laws.ts):
 * the kernel loops over coordinates and asks the family's law for each number.
 */
export class CoordinatewiseKernel implements FamilyKernel {
  readonly paramSize: number;
  readonly fullMoments = false;
  private readonly law: CoordinateLaw;

  constructor(
    readonly family: CoordinateFamily,
    readonly d: number,
    private readonly truth: Float64Array,
  ) {
    this.paramSize = d;
    this.law = COORDINATE_LAWS[family];
  }

  writeTruth(params: Float64Array, offset: number): void {
    for (let j = 0; j < this.d; j++) params[offset + j] = this.truth[j];
  }

  prepare(): string | undefined {
    return undefined;
  }

  sample(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, outOffset: number): void {
    const law = this.law;
    for (let j = 0; j < this.d; j++) out[outOffset + j] = law.sample(rng, params[offset + j]);
  }

  sampleMany(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) this.sample(rng, params, offset, out, i * this.d);
  }

  center(params: Float64Array, offset: number, out: Float64Array): void {
    for (let j = 0; j < this.d; j++) out[j] = this.law.mean(params[offset + j]);
  }

  logLikTruth(x: Float64Array, offset: number): number {
    let s = 0;
    for (let j = 0; j < this.d; j++) s += this.law.logLik(x[offset + j], this.truth[j]);
    return s;
  }

  fit(m: Float64Array, mo: number, params: Float64Array, offset: number): string | undefined {
    if (!(m[mo] > 0)) return 'no samples kept to fit';
    for (let j = 0; j < this.d; j++) {
      const theta = this.law.fromMean(m[mo + 2 + j]);
      if (typeof theta === 'string') return theta;
      params[offset + j] = theta;
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
    for (let j = 0; j < this.d; j++) s += this.law.variance(params[offset + j]);
    return s / this.d;
  }
}
