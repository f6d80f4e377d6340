/**
 * The random layer's discrete and exponential samplers: Poisson, Bernoulli and exponential
 * (the streams and the normals: random.test.ts). Every statistical check uses a fixed seed and a
 * tolerance derived from the standard error of the statistic (written next to each check), so a
 * failure means the sampler is wrong, not that the seed was unlucky (each check's false-alarm
 * rate is at most about 1e-4 for a 4-SE bound, or the alpha named).
 */
import { describe, expect, it, vi } from 'vitest';
import { bernoulli, exponential, poisson } from '../../engine/random/samplers';
import { chiSquareQuantile, gammaP, logGamma } from '../../engine/theory/special';
import { ksCritical, ksStatistic, mean, sampleVariance, stream } from './helpers';

// Simulations of a second or two each: allow for a loaded machine (vitest's default is 5 s).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe('Poisson sampler', () => {
  // Below lambda = 10 the sampler inverts the CDF; from 10 up it uses PTRS. Both sides are checked.
  const lambdas = [0.5, 4, 9.99, 10, 37.5, 1000];
  const n = 200_000;

  it.each(lambdas)('lambda = %s: mean and variance within 4 SE', (lambda) => {
    // SE of the mean sqrt(lambda/n); SE of the sample variance sqrt((mu4 - sigma^4)/n) with the
    // Poisson fourth central moment mu4 = lambda (1 + 3 lambda): sqrt((lambda + 2 lambda^2)/n).
    const rng = stream(300 + Math.round(lambda * 100));
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = poisson(rng, lambda);
    const m = mean(x);
    const v = sampleVariance(x);
    expect(x.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
    expect(Math.abs(m - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    expect(Math.abs(v - lambda)).toBeLessThan(4 * Math.sqrt((lambda + 2 * lambda * lambda) / n));
  });

  it.each([4, 10, 37.5])('lambda = %s: chi-square goodness of fit to the pmf at alpha 1e-3', (lambda) => {
    // Bins k = lo..hi with expected counts >= 20, the two tails pooled into the end bins;
    // X^2 ~ chi2_(bins - 1) under the null.
    const rng = stream(900 + lambda * 10);
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = poisson(rng, lambda);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const pmf = (k: number): number => Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1));
    let lo = 0;
    while (n * poissonCdf(lo, lambda) < 20) lo++;
    let hi = Math.ceil(lambda);
    while (n * pmf(hi + 1) >= 20) hi++;
    let x2 = 0;
    let bins = 0;
    for (let k = lo; k <= hi; k++) {
      let expected: number;
      let observed = 0;
      if (k === lo) {
        expected = n * poissonCdf(lo, lambda);
        for (const [kk, c] of counts) if (kk <= lo) observed += c;
      } else if (k === hi) {
        expected = n * (1 - poissonCdf(hi - 1, lambda));
        for (const [kk, c] of counts) if (kk >= hi) observed += c;
      } else {
        expected = n * pmf(k);
        observed = counts.get(k) ?? 0;
      }
      x2 += (observed - expected) ** 2 / expected;
      bins++;
    }
    expect(bins).toBeGreaterThan(5);
    expect(x2).toBeLessThan(chiSquareQuantile(0.999, bins - 1));
  });

  it('returns 0 for a rate of 0 (a collapsed chain)', () => {
    const rng = stream(1);
    expect(poisson(rng, 0)).toBe(0);
  });
});

/** P(Poisson(lambda) <= k) = Q(k + 1, lambda) = 1 - P(k + 1, lambda) (regularised incomplete gamma). */
function poissonCdf(k: number, lambda: number): number {
  return 1 - gammaP(k + 1, lambda);
}

describe('Bernoulli and exponential samplers', () => {
  const n = 400_000;

  it.each([0.3, 0.01, 0.97])('Bernoulli(%s): frequency within 4 binomial SE', (p) => {
    const rng = stream(500 + Math.round(p * 100));
    let s = 0;
    let other = 0;
    for (let i = 0; i < n; i++) {
      const b = bernoulli(rng, p);
      if (b !== 0 && b !== 1) other++;
      s += b;
    }
    expect(other).toBe(0);
    expect(Math.abs(s / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it.each([1, 2.5, 1e-3])('exponential(rate %s): mean, variance within 4 SE and KS at alpha 1e-3', (rate) => {
    // Mean 1/rate with SE (1/rate)/sqrt(n); sample variance 1/rate^2 with SE sqrt((mu4 - sigma^4)/n)
    // = sqrt(8/n)/rate^2 since mu4 = 9/rate^4 for the exponential.
    const rng = stream(700 + Math.round(rate * 10));
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = exponential(rng, rate);
    const m = mean(x);
    const v = sampleVariance(x);
    expect(Math.abs(m - 1 / rate)).toBeLessThan((4 / rate) / Math.sqrt(n));
    expect(Math.abs(v - 1 / rate ** 2)).toBeLessThan((4 * Math.sqrt(8 / n)) / rate ** 2);
    expect(x.every((t) => t >= 0 && Number.isFinite(t))).toBe(true);
    const d = ksStatistic(x, (t) => 1 - Math.exp(-rate * t));
    expect(d).toBeLessThan(ksCritical(1e-3) / Math.sqrt(n));
  });
});
