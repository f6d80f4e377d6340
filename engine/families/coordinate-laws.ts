import { bernoulli, exponential, poisson } from '../random/samplers';
import type { Xoshiro128 } from '../random/xoshiro';
import { logGamma } from '../theory/special';

/**
 * One coordinate of a family whose d coordinates are independent with one natural parameter
 * each and whose sufficient statistic is x itself, so the (weighted) MLE is a function of the
 * (weighted) mean: Poisson lambda = mean, Bernoulli p = mean, exponential rate = 1 / mean.
 */
export interface CoordinateLaw {
  /** One draw x ~ p(. | theta). */
  sample(rng: Xoshiro128, theta: number): number;
  /** E[x | theta], the sampling center the moment sums are shifted by. */
  mean(theta: number): number;
  /** log p(x = v | theta = t), the oracle's ranking score per coordinate. */
  logLik(v: number, t: number): number;
  /** The MLE of theta from the weighted mean of x, or a message when it is degenerate. */
  fromMean(mean: number): number | string;
  /** Var[x | theta]: the model's spread (diversity) per coordinate. */
  variance(theta: number): number;
}

export const COORDINATE_FAMILIES = ['poisson', 'bernoulli', 'exponential'] as const;
export type CoordinateFamily = (typeof COORDINATE_FAMILIES)[number];

/** Poisson, Bernoulli and exponential laws (textbook densities; the samplers of random/samplers.ts). */
export const COORDINATE_LAWS: { readonly [K in CoordinateFamily]: CoordinateLaw } = {
  poisson: {
    sample: poisson,
    mean: (theta) => theta,
    logLik: (v, t) => v * Math.log(t) - t - logGamma(v + 1),
    fromMean: (mean) => mean,
    variance: (t) => t,
  },
  bernoulli: {
    sample: bernoulli,
    mean: (theta) => theta,
    logLik: (v, t) => v * Math.log(t) + (1 - v) * Math.log(1 - t),
    fromMean: (mean) => mean,
    variance: (t) => t * (1 - t),
  },
  exponential: {
    sample: exponential,
    mean: (theta) => 1 / theta,
    logLik: (v, t) => Math.log(t) - t * v,
    fromMean: (mean) => {
      const rate = 1 / mean;
      return Number.isFinite(rate) ? rate : `the exponential rate overflowed (sample mean ${mean.toExponential(3)})`;
    },
    variance: (t) => 1 / (t * t),
  },
};
