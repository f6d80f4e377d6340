import { cholesky } from '../families/gaussian';

/**
 * Kernel ridge regression, solved exactly: the dual coefficients a = (K + n lambda I)^-1 y of
 * min_f (1/n) sum_i (y_i - f(x_i))^2 + lambda ||f||_H^2 (the normalisation of Cui et al. 2022 and
 * seed 004, section 5, under which lambda = T^-l is comparable across T), by Cholesky.
 */
export function kernelRidgeCoefficients(gram: Float64Array, y: Float64Array, lambda: number): Float64Array {
  return choleskySolve(ridgeFactor(gram, y.length, lambda), y);
}

/** The Cholesky factor L (lower, row-major) of K + n lambda I; `gram` (n x n) is not modified. */
export function ridgeFactor(gram: Float64Array, n: number, lambda: number): Float64Array {
  const a = new Float64Array(gram);
  for (let i = 0; i < n; i++) a[i * n + i] += n * lambda;
  const L = new Float64Array(n * n);
  if (cholesky(a, 0, n, L) !== undefined) throw new RangeError(`kernel ridge: K + n lambda I is not positive definite (lambda ${lambda}, n ${n})`);
  return L;
}

/** Solves L L' a = y by forward and back substitution. */
export function choleskySolve(L: Float64Array, y: Float64Array): Float64Array {
  const n = y.length;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  const a = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * a[k];
    a[i] = s / L[i * n + i];
  }
  return a;
}

/** Predictions f(x_j) = sum_i a_i k(x_i, x_j) from a train x test kernel matrix (n x m, row-major). */
export function kernelPredict(cross: Float64Array, coef: Float64Array, m: number): Float64Array {
  const n = coef.length;
  const out = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const a = coef[i];
    for (let j = 0; j < m; j++) out[j] += a * cross[i * m + j];
  }
  return out;
}
