import type { RunConfig } from '../config/types';
import { normal } from '../random/ziggurat';
import { Xoshiro128, seedStreams } from '../random/xoshiro';

/** Accepted labels per direction when `filter.perDirection` is absent (the notebook's n2 = 100). */
export const DEFAULT_PER_DIRECTION = 100;

/** Largest d for the directions protocol: every replicate of a `random` design diagonalises its own d x d X0'X0. */
export const MAX_DIRECTIONS_DIM = 64;

/**
 * Draws along one direction in one generation before the run fails: the model has drifted so
 * far from the verifier's center that almost no label passes (2^24, about 0.2 s of draws).
 */
export const MAX_DIRECTION_DRAWS = 1 << 24;

/**
 * The stream the `fixed` design of the directions protocol is drawn from: an index no replicate
 * has (replicates are numbered below 10^6), so the design depends on the seed only, never on R or
 * on the block split, and the replicates' own streams are untouched by it.
 */
export const DESIGN_STREAM = 2 ** 52;

/** Settings of the directions protocol with their defaults filled in. */
export function directionsSettings(config: Readonly<RunConfig>): { k: number; design: 'fixed' | 'random' } {
  return { k: config.filter.perDirection ?? DEFAULT_PER_DIRECTION, design: config.filter.design ?? 'fixed' };
}

/**
 * The `fixed` design X0 of the directions protocol (seed 002's final notebook: one global X0 whose
 * right singular vectors are the directions): n0 x d standard normal entries, row by row, from
 * the design stream of the run's seed. Row-major, length n0 d.
 */
export function fixedDirectionsDesign(config: Readonly<RunConfig>, n0: number): Float64Array {
  const d = config.model.dim;
  const rng = new Xoshiro128();
  rng.load(seedStreams(config.seed, DESIGN_STREAM, 1), 0);
  const x = new Float64Array(n0 * d);
  for (let i = 0; i < n0 * d; i++) x[i] = normal(rng);
  return x;
}

/** X0'X0 of a row-major n x d design, full symmetric. */
export function gram(x: Float64Array, n: number, d: number): Float64Array {
  const g = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const xj = x[o + j];
      for (let k = 0; k <= j; k++) g[j * d + k] += xj * x[o + k];
    }
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) g[k * d + j] = g[j * d + k];
  return g;
}

/**
 * Eigen-decomposition of a symmetric d x d matrix by cyclic Jacobi rotations (Golub and Van Loan,
 * Matrix Computations, section 8.5: the classical rotation with t = sign(tau)/(|tau| + sqrt(1 + tau^2))).
 * For a Gram matrix X0'X0 the eigenvectors are the right singular vectors v_j of X0 and the
 * eigenvalues the squared singular values mu_j^2. Returned in decreasing order of eigenvalue (the
 * order of an SVD), each vector's largest-magnitude component made positive (the first such on a tie),
 * so the directions are a deterministic function of the matrix. `vectors` is row-major with
 * v_j in column j: vectors[i d + j] = (v_j)_i. `a` is not modified.
 */
export function symmetricEigen(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a.subarray(0, d * d));
  const v = new Float64Array(d * d);
  for (let j = 0; j < d; j++) v[j * d + j] = 1;
  let scale = 0;
  for (let i = 0; i < d * d; i++) scale += m[i] * m[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += m[p * d + q] * m[p * d + q];
    if (!(off > 1e-32 * scale)) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (apq === 0) continue;
        const tau = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        // m <- J' m J with J the rotation in the (p, q) plane.
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p];
          const mkq = m[k * d + q];
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k];
          const mqk = m[q * d + k];
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, j) => j).sort((i, j) => m[j * d + j] - m[i * d + i] || i - j);
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((src, j) => {
    values[j] = m[src * d + src];
    let big = 0;
    for (let i = 0; i < d; i++) if (Math.abs(v[i * d + src]) > Math.abs(v[big * d + src])) big = i;
    const sign = v[big * d + src] < 0 ? -1 : 1;
    for (let i = 0; i < d; i++) vectors[i * d + j] = sign * v[i * d + src];
  });
  return { values, vectors };
}
