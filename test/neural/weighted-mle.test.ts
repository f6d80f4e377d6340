/**
 * The weighted MLE the filtered recursion uses (docs/experiments.md section 4, "Filtered recursion":
 * soft weights go into the weighted MLE through the sufficient statistic), for every family,
 * through the engine's own path: a MomentBatch filled with weighted samples, then the family
 * kernel's fit. Each is checked against the direct closed form on a small hand-made sample:
 *   Gaussian mean:  mu = sum w x / sum w
 *   covariance:     S = sum w (x - mu)(x - mu)' / D, D = W (mle) or W - W2 / W (unbiased with
 *                   reliability weights, n - 1 when every w = 1)
 *   Poisson rate, Bernoulli p: the weighted mean; exponential rate: sum w / sum w x.
 * All of it is float64 arithmetic on a handful of numbers, so agreement is to 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, type RunConfig } from '../../engine';
import { MomentBatch, mergeMoments, momentsSize } from '../../engine/core/moments';
import { createFamilyKernel } from '../../engine/families';

function kernelFor(model: Partial<RunConfig['model']>): ReturnType<typeof createFamilyKernel> {
  return createFamilyKernel(resolveConfig({ model }));
}

/** Moments of weighted rows through MomentBatch, shifted by `center` (any point gives the same fit). */
function moments(d: number, full: boolean, rows: number[][], w: number[], center: number[]): Float64Array {
  const batch = new MomentBatch(d, full);
  batch.reset(Float64Array.from(center), 0);
  rows.forEach((r, i) => batch.add(Float64Array.from(r), 0, w[i]));
  const out = new Float64Array(momentsSize(d, full));
  batch.write(out, 0);
  return out;
}

function fitWith(kernel: ReturnType<typeof createFamilyKernel>, m: Float64Array): Float64Array {
  const params = new Float64Array(kernel.paramSize);
  const problem = kernel.fit(m, 0, params, 0);
  expect(problem).toBeUndefined();
  return params;
}

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
}

// Five 2-d samples with uneven weights (one of them 0, as a hard filter would give).
const X = [
  [1, 2],
  [-0.5, 0.25],
  [3, -1],
  [0, 4],
  [10, 10],
];
const W = [0.5, 1, 2, 0.25, 0];
// By hand: W = 3.75, W2 = 0.25 + 1 + 4 + 0.0625 = 5.3125.
// mu = (0.5 (1, 2) + (-0.5, 0.25) + 2 (3, -1) + 0.25 (0, 4)) / 3.75 = (6, 0.25) / 3.75 = (1.6, 1/15).
const MU = [1.6, 1 / 15];

/** sum w (x - mu)(x - mu)' written out, row-major 2 x 2. */
function scatter(): number[] {
  const s = [0, 0, 0, 0];
  X.forEach((x, i) => {
    const a = x[0] - MU[0];
    const b = x[1] - MU[1];
    s[0] += W[i] * a * a;
    s[1] += W[i] * a * b;
    s[2] += W[i] * b * a;
    s[3] += W[i] * b * b;
  });
  return s;
}

describe('weighted MLE through MomentBatch and FamilyKernel.fit', () => {
  it('gaussian mean (covariance known): the weighted mean, whatever the shift point', () => {
    const k = kernelFor({ family: 'gaussian', dim: 2, estimate: 'mean' });
    for (const center of [
      [0, 0],
      [100, -50],
    ]) {
      const m = moments(2, false, X, W, center);
      expectAllClose([m[0], m[1]], [3.75, 5.3125]);
      expectAllClose(fitWith(k, m), MU);
    }
  });

  it('gaussian mean-cov, mle: scatter / W', () => {
    const k = kernelFor({ family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle' });
    const p = fitWith(k, moments(2, true, X, W, [5, 5]));
    // scatter by hand: x-mu = (-0.6, 1.9333), (-2.1, 0.1833), (1.4, -1.0667), (-1.6, 3.9333);
    // sum w a^2 = 0.18 + 4.41 + 3.92 + 0.64 = 9.15.
    expect(scatter()[0]).toBeCloseTo(9.15, 12);
    expectAllClose(p, [...MU, ...scatter().map((v) => v / 3.75)]);
  });

  it('gaussian mean-cov, unbiased: scatter / (W - W2 / W), reliability weights', () => {
    const k = kernelFor({ family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'unbiased' });
    const p = fitWith(k, moments(2, true, X, W, [0, 0]));
    const D = 3.75 - 5.3125 / 3.75; // = 2.3333...
    expectAllClose(p, [...MU, ...scatter().map((v) => v / D)]);
    // With unit weights the same estimator is the textbook n - 1 one.
    const ones = X.map(() => 1);
    const q = fitWith(k, moments(2, true, X, ones, [0, 0]));
    const mean = [X.reduce((s, x) => s + x[0], 0) / 5, X.reduce((s, x) => s + x[1], 0) / 5];
    const s00 = X.reduce((s, x) => s + (x[0] - mean[0]) ** 2, 0) / 4;
    const s01 = X.reduce((s, x) => s + (x[0] - mean[0]) * (x[1] - mean[1]), 0) / 4;
    const s11 = X.reduce((s, x) => s + (x[1] - mean[1]) ** 2, 0) / 4;
    expectAllClose(q, [...mean, s00, s01, s01, s11]);
  });

  it('poisson rate and bernoulli p: the weighted mean per coordinate', () => {
    const counts = [
      [0, 3],
      [2, 5],
      [7, 1],
      [1, 0],
    ];
    const w = [0.2, 0.9, 0.4, 1.5]; // W = 3
    // rate_0 = (0 + 1.8 + 2.8 + 1.5) / 3 = 6.1 / 3; rate_1 = (0.6 + 4.5 + 0.4 + 0) / 3 = 5.5 / 3.
    const poisson = kernelFor({ family: 'poisson', dim: 2 });
    expectAllClose(fitWith(poisson, moments(2, false, counts, w, [4, 4])), [6.1 / 3, 5.5 / 3]);

    const bits = [
      [1, 0],
      [0, 0],
      [1, 1],
      [1, 0],
    ];
    // p_0 = (0.2 + 0.4 + 1.5) / 3 = 0.7; p_1 = 0.4 / 3.
    const bernoulli = kernelFor({ family: 'bernoulli', dim: 2 });
    expectAllClose(fitWith(bernoulli, moments(2, false, bits, w, [0.3, 0.3])), [0.7, 0.4 / 3]);
  });

  it('exponential rate: sum w / sum w x (the reciprocal of the weighted mean)', () => {
    const times = [
      [0.5, 2],
      [1.5, 0.25],
      [4, 1],
    ];
    const w = [1, 0.5, 0.25]; // W = 1.75
    // sum w x_0 = 0.5 + 0.75 + 1 = 2.25 -> rate 1.75 / 2.25; sum w x_1 = 2 + 0.125 + 0.25 = 2.375.
    const k = kernelFor({ family: 'exponential', dim: 2 });
    expectAllClose(fitWith(k, moments(2, false, times, w, [1, 1])), [1.75 / 2.25, 1.75 / 2.375]);
  });

  it('reports a degenerate fit instead of returning numbers', () => {
    const k = kernelFor({ family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'unbiased' });
    const params = new Float64Array(k.paramSize);
    // Nothing kept: W = 0.
    expect(k.fit(moments(2, true, X, [0, 0, 0, 0, 0], [0, 0]), 0, params, 0)).toBe('no samples kept to fit');
    // One sample carries all the weight: W - W2/W = 0, no covariance can be estimated.
    expect(k.fit(moments(2, true, X, [0, 0, 3, 0, 0], [0, 0]), 0, params, 0)).toMatch(/too few effective samples/);
  });
});

describe('mergeMoments: two batches merged equal one batch', () => {
  for (const full of [false, true]) {
    it(`${full ? 'full (mean and covariance)' : 'mean only'}: any split, any shift points`, () => {
      const d = 2;
      const one = moments(d, full, X, W, [0, 0]);
      for (const cut of [1, 2, 4]) {
        const a = moments(d, full, X.slice(0, cut), W.slice(0, cut), [-3, 7]);
        const b = moments(d, full, X.slice(cut), W.slice(cut), [20, 0.5]);
        mergeMoments(a, 0, b, 0, d, full);
        expectAllClose(a, one);
      }
      // Merging into an empty block copies; merging an empty block changes nothing.
      const empty = new Float64Array(momentsSize(d, full));
      mergeMoments(empty, 0, one, 0, d, full);
      expectAllClose(empty, one);
      const copy = one.slice();
      mergeMoments(copy, 0, new Float64Array(momentsSize(d, full)), 0, d, full);
      expectAllClose(copy, one);
    });
  }

  it('the fit of the merged block is the fit of the pooled sample (accumulate mode)', () => {
    const k = kernelFor({ family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle' });
    const a = moments(2, true, X.slice(0, 3), W.slice(0, 3), [1, 1]);
    mergeMoments(a, 0, moments(2, true, X.slice(3), W.slice(3), [0, 4]), 0, 2, true);
    expectAllClose(fitWith(k, a), [...MU, ...scatter().map((v) => v / 3.75)]);
  });
});
