/**
 * Weighted sufficient statistics of a batch of samples, kept as (W, W2, mean, M2) blocks so that
 * batches merge exactly (Chan, Golub and LeVeque, 1979) and the covariance never suffers the
 * cancellation of raw sums of squares. Block layout: [W, W2, mean_0..mean_{d-1}, M2 (d x d, full only)].
 */
export function momentsSize(d: number, full: boolean): number {
  return 2 + d + (full ? d * d : 0);
}

/**
 * Accumulates one batch around a shift point (the sampling center), then writes its moment block.
 * Shifting by the center keeps sums small, so one pass is as accurate as two.
 */
export class MomentBatch {
  private w = 0;
  private w2 = 0;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly center: Float64Array;

  constructor(
    readonly d: number,
    readonly full: boolean,
  ) {
    this.s1 = new Float64Array(d);
    this.s2 = new Float64Array(full ? d * d : 0);
    this.center = new Float64Array(d);
  }

  reset(center: Float64Array, offset: number): void {
    this.w = 0;
    this.w2 = 0;
    this.s1.fill(0);
    this.s2.fill(0);
    for (let j = 0; j < this.d; j++) this.center[j] = center[offset + j];
  }

  add(x: Float64Array, offset: number, weight: number): void {
    const d = this.d;
    this.w += weight;
    this.w2 += weight * weight;
    const s1 = this.s1;
    const c = this.center;
    if (!this.full) {
      for (let j = 0; j < d; j++) s1[j] += weight * (x[offset + j] - c[j]);
      return;
    }
    const s2 = this.s2;
    for (let j = 0; j < d; j++) {
      const dj = x[offset + j] - c[j];
      s1[j] += weight * dj;
      const wdj = weight * dj;
      for (let k = 0; k <= j; k++) s2[j * d + k] += wdj * (x[offset + k] - c[k]);
    }
  }

  /** Adds the sum of `count` unit-weight deviations already summed by a caller's fast path. */
  addSummed(deviationSums: Float64Array, count: number): void {
    this.w += count;
    this.w2 += count;
    for (let j = 0; j < this.d; j++) this.s1[j] += deviationSums[j];
  }

  /** Writes (W, W2, mean, M2) of the batch into `out` at `offset`. */
  write(out: Float64Array, offset: number): void {
    const d = this.d;
    const W = this.w;
    out[offset] = W;
    out[offset + 1] = this.w2;
    const inv = W > 0 ? 1 / W : 0;
    for (let j = 0; j < d; j++) out[offset + 2 + j] = this.center[j] + this.s1[j] * inv;
    if (!this.full) return;
    const m2 = offset + 2 + d;
    for (let j = 0; j < d; j++) {
      for (let k = 0; k <= j; k++) {
        const v = this.s2[j * d + k] - this.s1[j] * this.s1[k] * inv;
        out[m2 + j * d + k] = v;
        out[m2 + k * d + j] = v;
      }
    }
  }
}

/** Merges moment block `b` into block `a` in place (weighted Chan et al. update). */
export function mergeMoments(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number, full: boolean): void {
  const wa = a[ao];
  const wb = b[bo];
  const W = wa + wb;
  a[ao] = W;
  a[ao + 1] += b[bo + 1];
  if (wb === 0) return;
  if (wa === 0) {
    a.set(b.subarray(bo + 2, bo + momentsSize(d, full)), ao + 2);
    return;
  }
  const f = wb / W;
  const m2a = ao + 2 + d;
  const m2b = bo + 2 + d;
  const g = (wa * wb) / W;
  for (let j = 0; j < d; j++) {
    const dj = b[bo + 2 + j] - a[ao + 2 + j];
    if (full) {
      for (let k = 0; k < d; k++) {
        const dk = b[bo + 2 + k] - a[ao + 2 + k];
        a[m2a + j * d + k] += b[m2b + j * d + k] + g * dj * dk;
      }
    }
  }
  for (let j = 0; j < d; j++) a[ao + 2 + j] += f * (b[bo + 2 + j] - a[ao + 2 + j]);
}

/**
 * Multiplies every weight of moment block `m` by `c` >= 0 (W by c, W2 by c^2, the scatter by c; the
 * mean is unchanged): how a batch enters a weighted MLE with per-sample weights c w_i.
 */
export function scaleMoments(m: Float64Array, mo: number, c: number, d: number, full: boolean): void {
  m[mo] *= c;
  m[mo + 1] *= c * c;
  if (!full) return;
  const m2 = mo + 2 + d;
  for (let i = 0; i < d * d; i++) m[m2 + i] *= c;
}
