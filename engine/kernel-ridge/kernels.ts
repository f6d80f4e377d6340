/**
 * The two kernels of Dohmatob, Feng and Kempe, "Model Collapse Demystified: The Case of
 * Regression" (NeurIPS 2024), Figure 5: RBF k(x, x') = exp(-gamma ||x - x'||^2) and polynomial
 * k(x, x') = (c + gamma <x, x'>)^degree, on pixel vectors scaled to [0, 1].
 */
export type KernelSpec =
  | { readonly kind: 'rbf'; readonly gamma: number }
  | { readonly kind: 'poly'; readonly gamma: number; readonly degree: number; readonly offset: number };

/** Row-major points: `count` rows of `dim` numbers. */
export interface Points {
  readonly count: number;
  readonly dim: number;
  readonly x: Float64Array;
}

/** The rows `indices` of a uint8 image matrix, scaled to [0, 1] (pixel / 255). */
export function pointsFromPixels(pixels: Uint8Array, dim: number, indices: ArrayLike<number>): Points {
  const x = new Float64Array(indices.length * dim);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] * dim;
    for (let j = 0; j < dim; j++) x[i * dim + j] = pixels[src + j] / 255;
  }
  return { count: indices.length, dim, x };
}

/**
 * The a.count x b.count kernel matrix k(a_i, b_j), row-major. Both kernels go through the inner
 * products <a_i, b_j> (the RBF as exp(-gamma (|a|^2 + |b|^2 - 2<a, b>))), so one dot-product loop
 * serves both.
 */
export function kernelMatrix(kernel: KernelSpec, a: Points, b: Points): Float64Array {
  const d = a.dim;
  const out = new Float64Array(a.count * b.count);
  // Four in five MNIST pixels are 0: the products run over a_i's nonzero pixels only. Skipped
  // terms are exact zeros, so the sums are the dense loop's bit for bit, about five times sooner.
  const nz = new Uint32Array(d);
  for (let i = 0; i < a.count; i++) {
    const ai = i * d;
    let m = 0;
    for (let k = 0; k < d; k++) if (a.x[ai + k] !== 0) nz[m++] = k;
    for (let j = 0; j < b.count; j++) {
      const bj = j * d;
      let s = 0;
      for (let q = 0; q < m; q++) s += a.x[ai + nz[q]] * b.x[bj + nz[q]];
      out[i * b.count + j] = s;
    }
  }
  if (kernel.kind === 'poly') {
    for (let i = 0; i < out.length; i++) out[i] = (kernel.offset + kernel.gamma * out[i]) ** kernel.degree;
    return out;
  }
  const na = squaredNorms(a);
  const nb = squaredNorms(b);
  for (let i = 0; i < a.count; i++) {
    for (let j = 0; j < b.count; j++) {
      const sq = Math.max(0, na[i] + nb[j] - 2 * out[i * b.count + j]);
      out[i * b.count + j] = Math.exp(-kernel.gamma * sq);
    }
  }
  return out;
}

function squaredNorms(p: Points): Float64Array {
  const out = new Float64Array(p.count);
  for (let i = 0; i < p.count; i++) {
    let s = 0;
    for (let k = 0; k < p.dim; k++) s += p.x[i * p.dim + k] ** 2;
    out[i] = s;
  }
  return out;
}
