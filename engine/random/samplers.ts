import type { Xoshiro128 } from './xoshiro';
import { logGamma } from '../theory/special';

/** Bernoulli(p): 1 with probability p. */
export function bernoulli(rng: Xoshiro128, p: number): number {
  return rng.nextDouble() < p ? 1 : 0;
}

/** Exponential with the given rate, by inversion: -log(1 - U) / rate. */
export function exponential(rng: Xoshiro128, rate: number): number {
  return -Math.log(1 - rng.nextDouble()) / rate;
}

/**
 * Poisson(lambda): inversion by sequential search below 10, otherwise Hormann's (1993) PTRS
 * transformed rejection, the algorithm NumPy uses, with O(1) expected cost for any lambda.
 */
export function poisson(rng: Xoshiro128, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng.nextDouble();
    while (u > cdf) {
      k++;
      p *= lambda / k;
      cdf += p;
      if (p === 0) break; // u within rounding of 1: the remaining mass is below double precision
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.nextDouble() - 0.5;
    const v = rng.nextDouble();
    const us = 0.5 - Math.abs(u);
    const kk = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return kk;
    if (kk < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + kk * loglam - logGamma(kk + 1)) {
      return kk;
    }
  }
}
