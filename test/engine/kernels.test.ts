/**
 * Exact (non-statistical) checks of the numerical kernels the simulations rest on: weighted
 * moment batches and their merge (accumulate mode), the oracle's top-k selection and the
 * summary quantiles. These catch errors too small for the Monte-Carlo checks to resolve (a 10%
 * error in the merge's between-batch term moves the accumulate spread by under 1%).
 */
import { describe, expect, it } from 'vitest';
import { MomentBatch, mergeMoments, momentsSize } from '../../engine/core/moments';
import { keepTopK, kthLargest } from '../../engine/filters/select';
import { quantileSorted, summariseDiversity, summariseErrors } from '../../engine/core/summarise';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';
import { createFamilyKernel } from '../../engine/families';
import { resolveConfig } from '../../engine/config/validate';

function stream(seed: number): Xoshiro128 {
  const rng = new Xoshiro128();
  rng.load(seedStreams(seed, 0, 1), 0);
  return rng;
}

/** Two-pass weighted moments of rows of x (n x d): [W, W2, mean, M2 full]. */
function twoPass(x: number[][], w: number[], d: number): number[] {
  const W = w.reduce((a, b) => a + b, 0);
  const W2 = w.reduce((a, b) => a + b * b, 0);
  const mu = Array.from({ length: d }, (_, j) => x.reduce((s, row, i) => s + w[i] * row[j], 0) / W);
  const m2: number[] = [];
  for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) m2.push(x.reduce((s, row, i) => s + w[i] * (row[j] - mu[j]) * (row[k] - mu[k]), 0));
  return [W, W2, ...mu, ...m2];
}

function batchOf(x: number[][], w: number[], d: number, center: number[]): Float64Array {
  const b = new MomentBatch(d, true);
  b.reset(Float64Array.from(center), 0);
  for (let i = 0; i < x.length; i++) b.add(Float64Array.from(x[i]), 0, w[i]);
  const out = new Float64Array(momentsSize(d, true));
  b.write(out, 0);
  return out;
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rel = 1e-12): void {
  expect(got.length).toBe(want.length);
  const scale = Math.max(...Array.from(want, Math.abs), 1);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(rel * scale);
}

describe('moment batches', () => {
  const d = 3;
  const rng = stream(9);
  const sample = (n: number, shift: number): number[][] =>
    Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => shift + j + 2 * normal(rng)));

  it('a weighted batch equals the two-pass moments for shift points near the data', () => {
    // One pass around a shift point c loses about eps * sum w (x - c)^2 to cancellation, so the
    // engine shifts by the sampling center; points a few sd away keep 1e-10 relative accuracy.
    const x = sample(37, 5);
    const w = x.map((_, i) => 0.1 + ((i * 7) % 11) / 10);
    for (const center of [[5, 6, 7], [0, 0, 0], [-10, 20, 3]]) {
      expectClose(batchOf(x, w, d, center), twoPass(x, w, d), 1e-10);
    }
  });

  it('merging two batches equals the moments of the union (Chan et al.), including the between-batch scatter', () => {
    const a = sample(20, 0);
    const b = sample(33, 4); // a different mean, so the between-batch term matters
    const wa = a.map(() => 1);
    const wb = b.map((_, i) => 0.5 + (i % 3));
    const merged = batchOf(a, wa, d, [0, 0, 0]);
    mergeMoments(merged, 0, batchOf(b, wb, d, [4, 5, 6]), 0, d, true);
    expectClose(merged, twoPass([...a, ...b], [...wa, ...wb], d), 1e-10);
  });

  it('merges at offsets, into an empty block and with an empty block', () => {
    const a = sample(10, 1);
    const ones = a.map(() => 1);
    const size = momentsSize(d, true);
    const block = batchOf(a, ones, d, [1, 2, 3]);
    const target = new Float64Array(3 * size);
    mergeMoments(target, size, block, 0, d, true); // into an empty block (W = 0)
    expectClose(target.subarray(size, 2 * size), block);
    const empty = new Float64Array(size);
    mergeMoments(target, size, empty, 0, d, true); // with an empty block: unchanged
    expectClose(target.subarray(size, 2 * size), block);
    expect(Array.from(target.subarray(0, size)).every((v) => v === 0)).toBe(true);
    expect(Array.from(target.subarray(2 * size)).every((v) => v === 0)).toBe(true);
  });

  it('mean-only blocks: the summed fast path equals adding samples one by one', () => {
    const x = sample(25, 2);
    const center = Float64Array.from([2, 3, 4]);
    const slow = new MomentBatch(d, false);
    slow.reset(center, 0);
    const sums = new Float64Array(d);
    for (const row of x) {
      slow.add(Float64Array.from(row), 0, 1);
      for (let j = 0; j < d; j++) sums[j] += row[j] - center[j];
    }
    const fast = new MomentBatch(d, false);
    fast.reset(center, 0);
    fast.addSummed(sums, x.length);
    const a = new Float64Array(momentsSize(d, false));
    const b = new Float64Array(momentsSize(d, false));
    slow.write(a, 0);
    fast.write(b, 0);
    expectClose(b, a, 1e-14);
    expectClose(a, twoPass(x, x.map(() => 1), d).slice(0, 2 + d), 1e-12);
  });
});

describe('keepTopK and kthLargest (the oracle filter)', () => {
  it('keeps exactly the k largest scores, ties at the threshold broken by index, for many n, k', () => {
    const rng = stream(3);
    for (const n of [1, 2, 5, 17, 100, 1000]) {
      for (const k of [1, Math.max(1, Math.floor(n / 3)), Math.round(0.7 * n), n]) {
        for (const ties of [false, true]) {
          const scores = Float64Array.from({ length: n }, () => (ties ? Math.floor(rng.nextDouble() * 5) : normal(rng)));
          const before = Float64Array.from(scores);
          const keep = new Uint8Array(n);
          keepTopK(scores, n, k, new Float64Array(n), keep);
          // The reference: a stable sort by score, descending, then the first k indices.
          const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
          const expected = new Uint8Array(n);
          for (const i of order.slice(0, k)) expected[i] = 1;
          expect(Array.from(keep)).toEqual(Array.from(expected));
          expect(kthLargest(scores, n, k, new Float64Array(n))).toBe(scores[order[k - 1]]);
          expect(scores).toEqual(before); // selection works on the scratch copy
        }
      }
    }
  });

  it('uses only the first n scores of a longer buffer, and refuses k outside 1..n', () => {
    const scores = Float64Array.from([1, 5, 3, 100, 200]);
    const keep = new Uint8Array(5);
    keepTopK(scores, 3, 2, new Float64Array(5), keep);
    expect(Array.from(keep.subarray(0, 3))).toEqual([0, 1, 1]);
    expect(() => kthLargest(scores, 3, 0, new Float64Array(5))).toThrow(RangeError);
    expect(() => kthLargest(scores, 3, 4, new Float64Array(5))).toThrow(RangeError);
  });
});

describe('FamilyKernel.sampleMany', () => {
  // The filters draw their candidates in one block; each row must hold exactly the draws the
  // one-at-a-time `sample` gives it, or runs would change with the code path.
  const models = [
    { family: 'gaussian', dim: 3, estimate: 'mean' },
    { family: 'gaussian', dim: 3, estimate: 'mean-cov' },
    { family: 'poisson', dim: 2 },
    { family: 'exponential', dim: 2 },
    { family: 'bernoulli', dim: 2 },
  ] as const;
  it.each(models)('$family $estimate: rows equal successive sample() calls, bit for bit', (model) => {
    const kernel = createFamilyKernel(resolveConfig({ model }));
    const d = kernel.d;
    const params = new Float64Array(kernel.paramSize);
    kernel.writeTruth(params, 0);
    params[0] += 0.3; // a model off the truth
    if (kernel.fullMoments) {
      // A correlated covariance (Sigma_01 = Sigma_10 = 0.4, after mu): L has an off-diagonal term.
      params[d + 0 * d + 1] = 0.4;
      params[d + 1 * d + 0] = 0.4;
    }
    expect(kernel.prepare(params, 0)).toBeUndefined();
    const n = 5000;
    const a = stream(8);
    const b = stream(8);
    const one = new Float64Array(n * d);
    for (let i = 0; i < n; i++) kernel.sample(a, params, 0, one, i * d);
    const many = new Float64Array(n * d);
    kernel.sampleMany(b, params, 0, many, n);
    expect(Array.from(many)).toEqual(Array.from(one));
    expect(b.nextU32()).toBe(a.nextU32());
  });
});

describe('summaries', () => {
  it('quantiles are type 7 (R and NumPy defaults)', () => {
    const v = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(v, 0.5)).toBe(2.5);
    expect(quantileSorted(v, 0.25)).toBe(1.75);
    expect(quantileSorted(v, 0.75)).toBe(3.25);
    expect(quantileSorted(v, 0)).toBe(1);
    expect(quantileSorted(v, 1)).toBe(4);
    expect(quantileSorted(Float64Array.from([7]), 0.5)).toBe(7);
  });

  it('the error summary is of ||e||, with rms = sqrt(mean ||e||^2)', () => {
    const errSq = Float64Array.from([9, 1, 16, 4, 0]); // ||e|| = 3, 1, 4, 2, 0
    const s = summariseErrors(errSq, new Float64Array(5));
    expect(s.mean).toBe(2);
    expect(s.rms).toBe(Math.sqrt(6));
    expect(s.median).toBe(2);
    expect(s.q25).toBe(1);
    expect(s.q75).toBe(3);
    expect(Array.from(errSq)).toEqual([9, 1, 16, 4, 0]); // input untouched
    const div = summariseDiversity(Float64Array.from([3, 1, 2, 10]), new Float64Array(4));
    expect(div).toEqual({ mean: 4, median: 2.5 });
  });
});
