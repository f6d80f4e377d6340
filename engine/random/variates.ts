import type { Xoshiro128 } from './xoshiro';
import { normal } from './ziggurat';
import { logGamma } from '../theory/special';

/*
 * The variates the exact statistic samplers draw (engine/families/statistics.ts): the law of a
 * sufficient statistic of n draws is a gamma, a chi-square or a binomial with n inside it, so a
 * generation costs O(d) (O(d^3) for a covariance) numbers instead of O(n d).
 */

/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3): the squeeze and the log test of their section 4 for shape >= 1, and
 * Gamma(a) = Gamma(a + 1) U^(1/a) (their section 6) below 1.
 */
export function gamma(rng: Xoshiro128, shape: number): number {
  if (shape < 1) {
    const g = gamma(rng, shape + 1);
    return g * Math.pow(1 - rng.nextDouble(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.nextDouble(); // in (0, 1]: log(u) is finite
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Chi-square with k > 0 degrees of freedom: 2 Gamma(k / 2, 1). */
export function chiSquare(rng: Xoshiro128, k: number): number {
  return 2 * gamma(rng, k / 2);
}

/** Below this mean n min(p, 1 - p) the binomial is drawn by inversion (expected steps about the mean). */
const BINOMIAL_INVERSION_LIMIT = 10;

/**
 * Binomial(n, p), n a non-negative integer: by symmetry p <= 1/2, then inversion by sequential
 * search when n p < 10, else Hormann's (1993) BTRS transformed rejection ("The generation of
 * binomial random variates", J. Statist. Comput. Simul. 46, algorithm BTRS), the one NumPy uses,
 * with O(1) expected cost for any n.
 */
export function binomial(rng: Xoshiro128, n: number, p: number): number {
  if (!(p > 0) || n === 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const q = 1 - p;
  if (n * p < BINOMIAL_INVERSION_LIMIT) {
    const ratio = p / q;
    let prob = Math.pow(q, n);
    let cdf = prob;
    let k = 0;
    const u = rng.nextDouble();
    while (u > cdf && k < n) {
      prob *= (ratio * (n - k)) / (k + 1);
      k++;
      cdf += prob;
      if (prob === 0) break; // u within rounding of 1: the remaining mass is below double precision
    }
    return k;
  }
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logGamma(m + 1) + logGamma(n - m + 1);
  for (;;) {
    const u = rng.nextDouble() - 0.5;
    const v = rng.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lv = Math.log((v * alpha) / (a / (us * us) + b));
    if (lv <= h - logGamma(k + 1) - logGamma(n - k + 1) + (k - m) * lpq) return k;
  }
}
