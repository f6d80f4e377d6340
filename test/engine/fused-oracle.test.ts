/**
 * The fused oracle (issue 21): scoring while drawing and selecting while summing give exactly the
 * numbers of the separate passes (drawing, scoring, marking with keepTopK, summing the marked
 * rows), bit for bit, ties included; the preset fixtures pin the whole runs.
 */
import { describe, expect, it } from 'vitest';
import { fillNormals, fillNormalsScored } from '../../engine/random/normal-block';
import { addTopKRows, keepTopK } from '../../engine/filters/select';
import { stream } from './helpers';

describe('fused oracle kernels', () => {
  it.each([1, 2, 8, 13])('fillNormalsScored, d = %s: the draws and stream of fillNormals, scores -||shift + z_i||^2', (d) => {
    const n = 301;
    const shift = Float64Array.from({ length: d }, (_, j) => 0.3 * j - 0.5);
    const a = stream(41, d);
    const b = stream(41, d);
    const z = new Float64Array(n * d);
    fillNormals(a, z, 0, n * d);
    const want = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (shift[j] + z[i * d + j]) ** 2;
      want[i] = -s;
    }
    const z2 = new Float64Array(n * d);
    const got = new Float64Array(n);
    fillNormalsScored(b, z2, n, d, shift, got);
    expect(z2).toEqual(z);
    expect(got).toEqual(want);
    expect(b.nextU32()).toBe(a.nextU32());
  });

  it.each([
    [200, 180, 'distinct'],
    [50, 20, 'ties'],
    [64, 64, 'keep all'],
    [64, 1, 'keep one'],
  ] as const)('addTopKRows, n = %s, k = %s (%s): the sums of the rows keepTopK marks', (n, k, kind) => {
    const d = 3;
    const rng = stream(43, n + k);
    const rows = new Float64Array(n * d);
    fillNormals(rng, rows, 0, n * d);
    // With ties: scores on a coarse grid, so many equal the k-th value.
    const scores = Float64Array.from({ length: n }, (_, i) => (kind === 'ties' ? Math.round(rows[i * d] * 2) : rows[i * d] + rows[i * d + 1]));
    const keep = new Uint8Array(n);
    keepTopK(scores, n, k, new Float64Array(n), keep);
    const want = new Float64Array(d);
    for (let i = 0; i < n; i++) if (keep[i] === 1) for (let j = 0; j < d; j++) want[j] += rows[i * d + j];
    const got = new Float64Array(d);
    expect(addTopKRows(scores, n, k, new Float64Array(n), rows, d, got)).toBe(k);
    expect(got).toEqual(want);
  });
});
