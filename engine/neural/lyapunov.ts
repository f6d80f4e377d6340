/**
 * The Lyapunov function V(e) = e' P e of seed 000's Assumption 2.3 and hinge (6): P symmetric
 * positive definite, given as one number (p I), d numbers (a diagonal) or d x d numbers (a full
 * matrix, row-major). Absent, P = I and every caller keeps its own sum of squares, so P = I set
 * explicitly and P left out give the same bits (e' I e sums e_j * e_j in the same order: the
 * off-diagonal products are exact zeros).
 */

/** A resolved P: d x d row-major, or null for the identity left implicit. */
export type Lyapunov = Float64Array | null;

/** Relative asymmetry |P_ij - P_ji| / max|P| accepted as rounding of a symmetric matrix. */
const SYMMETRY_TOLERANCE = 1e-12;

/** P as d x d numbers, or a reason it is not a symmetric positive definite d x d matrix. */
function expand(P: number | readonly number[], d: number): Float64Array | string {
  const m = new Float64Array(d * d);
  if (typeof P === 'number') {
    for (let j = 0; j < d; j++) m[j * d + j] = P;
  } else if (P.length === d) {
    for (let j = 0; j < d; j++) m[j * d + j] = P[j];
  } else if (P.length === d * d) {
    m.set(P);
  } else {
    return `expected ${d} numbers (a diagonal) or ${d * d} (a ${d}x${d} matrix, row-major) for d = ${d}, got ${P.length}`;
  }
  if (!m.every(Number.isFinite)) return 'expected finite numbers';
  const scale = m.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(m[i * d + j] - m[j * d + i]) > SYMMETRY_TOLERANCE * scale) return `not symmetric: P[${i}][${j}] = ${m[i * d + j]} but P[${j}][${i}] = ${m[j * d + i]}`;
    }
  }
  // Cholesky: positive definite iff every pivot is positive.
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = m[j * d + j];
    for (let k = 0; k < j; k++) s -= l[j * d + k] ** 2;
    if (!(s > 0)) return `not positive definite (Cholesky pivot ${j} is ${s})`;
    l[j * d + j] = Math.sqrt(s);
    for (let i = j + 1; i < d; i++) {
      let t = m[i * d + j];
      for (let k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / l[j * d + j];
    }
  }
  return m;
}

/** Why `P` is not a valid Lyapunov matrix of dimension d (Assumption 2.3: symmetric positive definite), or undefined. */
export function lyapunovIssue(P: number | readonly number[] | undefined, d: number): string | undefined {
  if (P === undefined) return undefined;
  const m = expand(P, d);
  return typeof m === 'string' ? m : undefined;
}

/** P resolved for dimension d (null when absent); throws a RangeError naming the field when it is not SPD. */
export function lyapunovMatrix(P: number | readonly number[] | undefined, d: number): Lyapunov {
  if (P === undefined) return null;
  const m = expand(P, d);
  if (typeof m === 'string') throw new RangeError(`filter.training.P: ${m}`);
  return m;
}

/** (P e)_j into `out` for e = a - b (d numbers from offsets); with P null, out = e. */
export function lyapunovApply(P: Lyapunov, e: ArrayLike<number>, out: Float64Array): Float64Array {
  const d = out.length;
  if (!P) {
    for (let j = 0; j < d; j++) out[j] = e[j];
    return out;
  }
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += P[i * d + j] * e[j];
    out[i] = s;
  }
  return out;
}

/** V(e) = e' P e (Assumption 2.3); e' e when P is null, summed in index order. */
export function lyapunovValue(P: Lyapunov, e: ArrayLike<number>, d: number): number {
  let v = 0;
  if (!P) {
    for (let j = 0; j < d; j++) v += e[j] * e[j];
    return v;
  }
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += P[i * d + j] * e[j];
    v += e[i] * s;
  }
  return v;
}
