/**
 * The exact statistic samplers of `engine.sampling = statistic` (issue 21) and the variates they
 * draw, against their closed forms. Every check uses a fixed seed and a tolerance of Z = 4
 * standard errors of the statistic checked, the SE written next to it (false-alarm rate about
 * 6e-5 a check), so a failure means a wrong law, not an unlucky seed.
 */
import { describe, expect, it, vi } from 'vitest';
import { binomial, chiSquare, gamma } from '../../engine/random/variates';
import { CoordinatewiseStatistic, GaussianStatistic } from '../../engine/families/statistics';
import { momentsSize } from '../../engine/core/moments';
import { logGamma } from '../../engine/theory/special';
import { mean, sampleVariance, stream } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const Z = 4;
const N = 40_000; // draws of each statistic

/** |m - theory| <= Z se, with the numbers in the failure message. */
function near(what: string, m: number, theory: number, se: number): void {
  expect(se, what).toBeGreaterThan(0);
  expect(Math.abs(m - theory), `${what}: ${m} against ${theory}, ${Z} SE = ${Z * se}`).toBeLessThanOrEqual(Z * se);
}

/**
 * Mean and variance of N draws against a law's mean mu, variance v and fourth central moment mu4:
 * SE of the mean sqrt(v / N), SE of the sample variance sqrt((mu4 - v^2) / N).
 */
function lawMoments(what: string, x: Float64Array, mu: number, v: number, mu4: number): void {
  near(`${what} mean`, mean(x), mu, Math.sqrt(v / x.length));
  near(`${what} variance`, sampleVariance(x), v, Math.sqrt((mu4 - v * v) / x.length));
}

describe('gamma, chi-square and binomial variates', () => {
  // Gamma(k, 1): mean k, variance k, excess kurtosis 6/k, so mu4 = 3k^2 + 6k.
  it.each([0.5, 1, 2.5, 30, 1e6])('Gamma(%s): mean, variance within 4 SE', (k) => {
    const rng = stream(2100 + Math.round(Math.log(k) * 10));
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) x[i] = gamma(rng, k);
    expect(x.every((v) => v > 0)).toBe(true);
    lawMoments(`Gamma(${k})`, x, k, k, 3 * k * k + 6 * k);
  });

  it.each([1, 7])('chi-square(%s): mean k, variance 2k within 4 SE', (k) => {
    // chi2(k) = 2 Gamma(k/2): mu4 = 16 (3 (k/2)^2 + 6 k/2) = 12 k^2 + 48 k.
    const rng = stream(2200 + k);
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) x[i] = chiSquare(rng, k);
    lawMoments(`chi2(${k})`, x, k, 2 * k, 12 * k * k + 48 * k);
  });

  // Inversion (n p < 10), BTRS (n p >= 10), the p > 1/2 reflection and a large n.
  const cases: [number, number][] = [
    [20, 0.1],
    [200, 0.3],
    [200, 0.85],
    [1_000_000, 0.5],
    [37, 0.999],
  ];
  it.each(cases)('Binomial(%s, %s): integer, mean n p and variance n p q within 4 SE', (n, p) => {
    // Fourth central moment n p q (1 + 3 (n - 2) p q).
    const q = 1 - p;
    const rng = stream(2300 + Math.round(n * p));
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) x[i] = binomial(rng, n, p);
    expect(x.every((k) => Number.isInteger(k) && k >= 0 && k <= n)).toBe(true);
    lawMoments(`Binomial(${n}, ${p})`, x, n * p, n * p * q, n * p * q * (1 + 3 * (n - 2) * p * q));
  });

  it('Binomial(60, 0.4) (BTRS): chi-square goodness of fit to the pmf at alpha 1e-3', () => {
    // Bins 14..34 with the tails pooled into the end bins (expected counts >= 20 each);
    // X^2 ~ chi2(20) under the null, whose 1 - 1e-3 quantile is 45.315.
    const n = 60;
    const p = 0.4;
    const rng = stream(2400);
    const counts = new Float64Array(n + 1);
    for (let i = 0; i < N; i++) counts[binomial(rng, n, p)]++;
    const pmf = (k: number): number => Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p));
    const lo = 14;
    const hi = 34;
    let x2 = 0;
    for (let k = lo; k <= hi; k++) {
      let expected = 0;
      let observed = 0;
      const ks = k === lo ? [...Array(lo + 1).keys()] : k === hi ? Array.from({ length: n - hi + 1 }, (_, i) => hi + i) : [k];
      for (const kk of ks) {
        expected += N * pmf(kk);
        observed += counts[kk];
      }
      expect(expected).toBeGreaterThanOrEqual(20);
      x2 += (observed - expected) ** 2 / expected;
    }
    expect(x2).toBeLessThan(45.315);
  });
});

describe('the coordinatewise statistics: the mean of n draws', () => {
  // One block per draw: [W, W2, mean_0..]. The mean of n iid draws has the law's mean and
  // variance v / n; its fourth central moment is that of a sum S of n draws over n^4.
  it.each([
    ['poisson', 3, 2.5, (t: number, n: number) => ({ mu: t, v: t / n, mu4: (n * t * (1 + 3 * n * t)) / n ** 4 })],
    ['poisson', 50, 40, (t: number, n: number) => ({ mu: t, v: t / n, mu4: (n * t * (1 + 3 * n * t)) / n ** 4 })],
    ['bernoulli', 30, 0.2, (t: number, n: number) => ({ mu: t, v: (t * (1 - t)) / n, mu4: (n * t * (1 - t) * (1 + 3 * (n - 2) * t * (1 - t))) / n ** 4 })],
    ['bernoulli', 400, 0.7, (t: number, n: number) => ({ mu: t, v: (t * (1 - t)) / n, mu4: (n * t * (1 - t) * (1 + 3 * (n - 2) * t * (1 - t))) / n ** 4 })],
    // Exponential(rate): the mean of n draws is Gamma(n) / (n rate), mu4 = (3 n^2 + 6 n) / (n rate)^4.
    ['exponential', 12, 2, (t: number, n: number) => ({ mu: 1 / t, v: 1 / (n * t * t), mu4: (3 * n * n + 6 * n) / (n * t) ** 4 })],
  ] as const)('%s, n = %s, theta = %s: W = W2 = n, mean and variance within 4 SE', (family, n, theta, law) => {
    const d = 2;
    const sampler = new CoordinatewiseStatistic(family, d);
    const params = Float64Array.of(theta, theta);
    const out = new Float64Array(momentsSize(d, false));
    const rng = stream(2500 + n);
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      expect(sampler.sample(rng, params, 0, n, out, 0)).toBeUndefined();
      x[i] = out[2 + (i % d)];
    }
    expect([out[0], out[1]]).toEqual([n, n]);
    const { mu, v, mu4 } = law(theta, n);
    lawMoments(`${family} mean of ${n}`, x, mu, v, mu4);
  });
});

describe('the Gaussian statistics', () => {
  it('known covariance: the mean of n draws is N(mu, sigma^2 / n) per coordinate', () => {
    const d = 3;
    const n = 50;
    const sigma = 2;
    const sampler = new GaussianStatistic(d, false, sigma);
    const params = Float64Array.of(1, -2, 0.5);
    const out = new Float64Array(momentsSize(d, false));
    const rng = stream(2600);
    const cols = Array.from({ length: d }, () => new Float64Array(N));
    for (let i = 0; i < N; i++) {
      sampler.sample(rng, params, 0, n, out, 0);
      for (let j = 0; j < d; j++) cols[j][i] = out[2 + j];
    }
    const v = (sigma * sigma) / n;
    // A normal's fourth central moment is 3 v^2.
    for (let j = 0; j < d; j++) lawMoments(`mean_${j}`, cols[j], params[j], v, 3 * v * v);
  });

  // Sigma with correlations; n - 1 >= d takes Bartlett's decomposition, n - 1 < d the sum of outer products.
  const SIGMA = [4, 1.2, -0.6, 1.2, 2, 0.3, -0.6, 0.3, 1];
  it.each([
    [30, 'Bartlett'],
    [3, 'n - 1 < d: singular'],
  ])('mean and covariance, n = %s (%s): the mean is N(mu, Sigma / n), the scatter Wishart(Sigma, n - 1)', (n) => {
    const d = 3;
    const k = n - 1;
    const sampler = new GaussianStatistic(d, true, 1);
    const mu = [0.5, -1, 2];
    const params = Float64Array.from([...mu, ...SIGMA]);
    const out = new Float64Array(momentsSize(d, true));
    const rng = stream(2700 + n);
    const means = Array.from({ length: d }, () => new Float64Array(N));
    const scatter = Array.from({ length: d * d }, () => new Float64Array(N));
    for (let i = 0; i < N; i++) {
      expect(sampler.sample(rng, params, 0, n, out, 0)).toBeUndefined();
      for (let j = 0; j < d; j++) means[j][i] = out[2 + j];
      for (let e = 0; e < d * d; e++) scatter[e][i] = out[2 + d + e];
    }
    const S = (j: number, l: number): number => SIGMA[j * d + l];
    for (let j = 0; j < d; j++) {
      for (let l = 0; l < d; l++) {
        // Wishart(Sigma, k): E S_jl = k Sigma_jl, Var S_jl = k (Sigma_jl^2 + Sigma_jj Sigma_ll).
        const v = k * (S(j, l) ** 2 + S(j, j) * S(l, l));
        near(`E S_${j}${l}`, mean(scatter[j * d + l]), k * S(j, l), Math.sqrt(v / N));
        expect(scatter[j * d + l]).toEqual(scatter[l * d + j]);
        // Cov(mean_j, mean_l) = Sigma_jl / n; the product of two centred normals has variance
        // (Sigma_jj Sigma_ll + Sigma_jl^2) / n^2.
        const prod = means[j].map((x, i) => (x - mu[j]) * (means[l][i] - mu[l]));
        near(`Cov(mean_${j}, mean_${l})`, mean(prod), S(j, l) / n, Math.sqrt((S(j, j) * S(l, l) + S(j, l) ** 2) / (n * n) / N));
      }
      // S_jj / Sigma_jj ~ chi2(k): variance 2k, mu4 = 12 k^2 + 48 k.
      const diag = scatter[j * d + j].map((x) => x / S(j, j));
      lawMoments(`S_${j}${j} / Sigma_${j}${j}`, diag, k, 2 * k, 12 * k * k + 48 * k);
      near(`E mean_${j}`, mean(means[j]), mu[j], Math.sqrt(S(j, j) / n / N));
    }
    // The scatter is independent of the mean (Anderson theorem 3.3.2): their correlation is 0,
    // SE 1 / sqrt(N) for independent variables.
    const a = means[0].map((x) => x - mu[0]);
    const b = scatter[0];
    const mb = mean(b);
    const corr = mean(a.map((x, i) => x * (b[i] - mb))) / Math.sqrt(sampleVariance(a) * sampleVariance(b));
    near('corr(mean_0, S_00)', corr, 0, 1 / Math.sqrt(N));
  });

  it('refuses a covariance that is not positive definite, as the kernel does', () => {
    const sampler = new GaussianStatistic(2, true, 1);
    const params = Float64Array.of(0, 0, 1, 2, 2, 1);
    expect(sampler.sample(stream(1), params, 0, 10, new Float64Array(momentsSize(2, true)), 0)).toMatch(/positive definite/);
  });
});
