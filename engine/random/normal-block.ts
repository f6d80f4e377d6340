import { FAST_LIMIT, SIGNED_SCALE, normalAfterMiss } from './ziggurat';
import type { Xoshiro128 } from './xoshiro';

/*
 * Block versions of `normal` for the hot loops (issue 7): the xoshiro128** state lives in
 * local variables (registers) for the whole block and the ziggurat's fast path is inlined, so a
 * variate costs no field loads or stores. A miss (about 1.2% of draws) writes the state back
 * and finishes in `normalAfterMiss`. The numbers are exactly those of calling `normal(rng)`
 * `count` times: the tests compare them bit for bit. The generator is written out in each
 * function on purpose: a shared helper or a per-variate callback costs a call per variate, which
 * is what these loops exist to avoid (fillNormalsScored measured about 16% faster than
 * fillNormals plus a scoring pass, issue 21).
 */

/** out[offset .. offset + count) = count N(0, 1) variates from `rng`. */
export function fillNormals(rng: Xoshiro128, out: Float64Array, offset: number, count: number): void {
  const K = FAST_LIMIT;
  const S = SIGNED_SCALE;
  let s0 = rng.s0 | 0;
  let s1 = rng.s1 | 0;
  let s2 = rng.s2 | 0;
  let s3 = rng.s3 | 0;
  const end = offset + count;
  for (let o = offset; o < end; o++) {
    // xoshiro128** step, as Xoshiro128.nextU32.
    const m = Math.imul(s1, 5);
    // Kept as int32 (no >>> 0): the bit tests below read the same bits, and V8 keeps it a small integer.
    const u = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s1 ^= n2;
    s0 ^= n3;
    s2 = n2 ^ t;
    s3 = (n3 << 11) | (n3 >>> 21);
    const b = u & 255;
    const j = u >>> 8;
    if (j < K[b]) {
      out[o] = j * S[b];
      continue;
    }
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    rng.s3 = s3;
    out[o] = normalAfterMiss(rng, u >>> 0);
    s0 = rng.s0 | 0;
    s1 = rng.s1 | 0;
    s2 = rng.s2 | 0;
    s3 = rng.s3 | 0;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}

/**
 * sums[j] += sum over n rows of N(0, 1) variates drawn row by row (row i, column j is the
 * (i d + j)-th draw): the unfiltered Gaussian mean's whole sampling step, with no sample buffer.
 */
export function addNormalColumnSums(rng: Xoshiro128, n: number, d: number, sums: Float64Array): void {
  const K = FAST_LIMIT;
  const S = SIGNED_SCALE;
  let s0 = rng.s0 | 0;
  let s1 = rng.s1 | 0;
  let s2 = rng.s2 | 0;
  let s3 = rng.s3 | 0;
  const count = n * d;
  let col = 0;
  for (let c = 0; c < count; c++) {
    const m = Math.imul(s1, 5);
    // Kept as int32 (no >>> 0): the bit tests below read the same bits, and V8 keeps it a small integer.
    const u = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s1 ^= n2;
    s0 ^= n3;
    s2 = n2 ^ t;
    s3 = (n3 << 11) | (n3 >>> 21);
    const b = u & 255;
    const j = u >>> 8;
    let z: number;
    if (j < K[b]) {
      z = j * S[b];
    } else {
      rng.s0 = s0;
      rng.s1 = s1;
      rng.s2 = s2;
      rng.s3 = s3;
      z = normalAfterMiss(rng, u >>> 0);
      s0 = rng.s0 | 0;
      s1 = rng.s1 | 0;
      s2 = rng.s2 | 0;
      s3 = rng.s3 | 0;
    }
    sums[col] += z;
    if (++col === d) col = 0;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}

/**
 * z[0 .. n d) = n rows of d N(0, 1) variates drawn row by row, as fillNormals gives them, and in
 * the same pass scores[i] = -||shift + z_i||^2 (the sum over j in order): the Gaussian-mean
 * oracle's ranking (replicate-block.ts), computed while each row is still in registers, so the
 * candidates are not read a second time to be scored.
 */
export function fillNormalsScored(rng: Xoshiro128, z: Float64Array, n: number, d: number, shift: Float64Array, scores: Float64Array): void {
  const K = FAST_LIMIT;
  const S = SIGNED_SCALE;
  let s0 = rng.s0 | 0;
  let s1 = rng.s1 | 0;
  let s2 = rng.s2 | 0;
  let s3 = rng.s3 | 0;
  for (let row = 0, c = 0; row < n; row++) {
    let score = 0;
    for (let col = 0; col < d; col++, c++) {
      const m = Math.imul(s1, 5);
      // Kept as int32 (no >>> 0): the bit tests below read the same bits, and V8 keeps it a small integer.
      const u = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      const n2 = s2 ^ s0;
      const n3 = s3 ^ s1;
      s1 ^= n2;
      s0 ^= n3;
      s2 = n2 ^ t;
      s3 = (n3 << 11) | (n3 >>> 21);
      const b = u & 255;
      const j = u >>> 8;
      let x: number;
      if (j < K[b]) {
        x = j * S[b];
      } else {
        rng.s0 = s0;
        rng.s1 = s1;
        rng.s2 = s2;
        rng.s3 = s3;
        x = normalAfterMiss(rng, u >>> 0);
        s0 = rng.s0 | 0;
        s1 = rng.s1 | 0;
        s2 = rng.s2 | 0;
        s3 = rng.s3 | 0;
      }
      z[c] = x;
      const v = shift[col] + x;
      score += v * v;
    }
    scores[row] = -score;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}
