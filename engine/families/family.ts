import type { Xoshiro128 } from '../random/xoshiro';

/**
 * One exponential family, advanced replicate by replicate over packed parameter blocks.
 * Each replicate's parameters live at `params[offset .. offset + paramSize)` of one Float64Array,
 * so R chains are one typed array, not R objects.
 */
export interface FamilyKernel {
  readonly d: number;
  /** Numbers per replicate in a parameter block. */
  readonly paramSize: number;
  /** Whether fits need the second-moment matrix (a fitted Gaussian covariance). */
  readonly fullMoments: boolean;
  /** Writes theta* into a parameter block. */
  writeTruth(params: Float64Array, offset: number): void;
  /**
   * Prepares sampling from the model at `params[offset]` (a Cholesky factor, say).
   * Returns an error message when the model cannot be sampled.
   */
  prepare(params: Float64Array, offset: number): string | undefined;
  /** Draws one d-dimensional sample from the prepared model into `out[outOffset..]`. */
  sample(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, outOffset: number): void;
  /**
   * Draws n samples, rows of `out[0 .. n d)`, consuming exactly the numbers n calls of `sample`
   * would: the filters' hot path (a family may fill a block of variates at once).
   */
  sampleMany(rng: Xoshiro128, params: Float64Array, offset: number, out: Float64Array, n: number): void;
  /** The sampling center (mean) of a model, used to shift moment sums. */
  center(params: Float64Array, offset: number, out: Float64Array): void;
  /** A score ranking x by closeness to the truth: higher log-likelihood under theta* is better. */
  logLikTruth(x: Float64Array, offset: number): number;
  /** (Weighted) MLE from a moment block. Returns an error message when the fit is degenerate. */
  fit(moments: Float64Array, mOffset: number, params: Float64Array, offset: number): string | undefined;
  /** ||theta - theta*||^2 over the location parameter. */
  errorSq(params: Float64Array, offset: number): number;
  /** Mean per-dimension variance of the model (trace of its covariance / d). */
  diversity(params: Float64Array, offset: number): number;
}
