/**
 * The statistics a sweep reports per point and across points: a window mean with a standard
 * error that accounts for autocorrelation, and the vertex of a least-squares parabola.
 */

/** The mean of a window of generations and how well it is known. */
export interface WindowMean {
  mean: number;
  /**
   * Standard error of `mean`, with the window's autocorrelation accounted for; null when the
   * window is too short to estimate it (fewer than MIN_SE_VALUES values).
   */
  se: number | null;
  /**
   * Integrated autocorrelation time in generations (1 for independent values): the window
   * holds about length / tau independent values. Null with `se`.
   */
  tau: number | null;
}

/** Fewer values than this give no standard error: their autocorrelation cannot be estimated. */
export const MIN_SE_VALUES = 8;

/**
 * Mean of one per-generation series over a window, with its standard error.
 *
 * Consecutive generations are not independent (each model is fitted on data drawn from the
 * previous one), so the naive SE across generations, sqrt(var / n), is too small: for seed
 * 003's recursion at w = 0.2 less than half the honest one. The SE here is sqrt(sigma^2_LR / n),
 * with sigma^2_LR = gamma_0 + 2 sum_k gamma_k the long-run variance, estimated by Geyer's
 * initial monotone sequence (sum the autocovariances in pairs while the pairs stay positive,
 * forcing them to decrease; Geyer 1992, "Practical Markov chain Monte Carlo"), with lags up to
 * n / 4. The autocovariances are taken around the window's own mean, which biases each of them
 * down by about sigma^2_LR / n; over the 2K + 1 lags summed that is a factor 1 - (2K + 1) / n,
 * divided back out.
 *
 * Checked against the spread across seeds (test/sweeps/sweep-stats.test.ts): on fresh-golden
 * (R = 20, window [150, 200), 400 seeds) the rms of (mean - 2 V(w)) / se is 1.03 at w = 0.62
 * and 1.19 at w = 0.2, where tau is near 5, the window holds only ~10 independent values and
 * the SE is itself uncertain (its ratios have t-like tails); with the naive SE, 1.21 and 2.30.
 */
export function windowMean(values: readonly number[]): WindowMean {
  const n = values.length;
  if (n === 0) throw new RangeError('windowMean: expected at least one value');
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < MIN_SE_VALUES) return { mean, se: null, tau: null };

  const centred = values.map((v) => v - mean);
  const autocov = (k: number): number => {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += centred[t] * centred[t + k];
    return s / n;
  };
  const gamma0 = autocov(0);
  if (gamma0 === 0) return { mean, se: 0, tau: 1 };

  const maxLag = Math.floor(n / 4);
  let pairs = 0;
  let lastLag = -1;
  let previous = Infinity;
  for (let m = 0; 2 * m + 1 <= maxLag; m++) {
    let pair = autocov(2 * m) + autocov(2 * m + 1);
    if (!(pair > 0)) break;
    pair = Math.min(pair, previous);
    previous = pair;
    pairs += pair;
    lastLag = 2 * m + 1;
  }
  // No positive first pair: strongly alternating values; treat them as independent.
  const longRun = lastLag < 0 ? gamma0 : Math.max(0, -gamma0 + 2 * pairs);
  const span = lastLag < 0 ? 1 : 2 * lastLag + 1;
  const corrected = longRun / (1 - span / n);
  return { mean, se: Math.sqrt(corrected / n), tau: longRun / gamma0 };
}

/** A parabola fitted by least squares and its vertex. */
export interface ParabolaVertex {
  /** Where the fitted parabola is lowest. */
  x: number;
  /** The fitted value there. */
  y: number;
}

/**
 * The vertex of the least-squares parabola y = a + b x + c x^2 through the points; null when
 * the fit does not open upwards or its vertex lies outside the points' x range (an
 * extrapolated minimum is no estimate). Needs at least 3 points with distinct x.
 */
export function parabolaVertex(xs: readonly number[], ys: readonly number[]): ParabolaVertex | null {
  if (xs.length !== ys.length) throw new RangeError(`parabolaVertex: ${xs.length} x values but ${ys.length} y values`);
  if (xs.length < 3) throw new RangeError(`parabolaVertex: expected at least 3 points, got ${xs.length}`);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (!(hi > lo)) return null;
  // Centred and scaled to [-1, 1], so the normal equations stay well conditioned.
  const mid = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  const u = xs.map((x) => (x - mid) / half);
  const s = [0, 0, 0, 0, 0];
  const r = [0, 0, 0];
  u.forEach((ui, i) => {
    for (let p = 0; p <= 4; p++) s[p] += ui ** p;
    for (let p = 0; p <= 2; p++) r[p] += ui ** p * ys[i];
  });
  const coef = solve3(
    [
      [s[0], s[1], s[2]],
      [s[1], s[2], s[3]],
      [s[2], s[3], s[4]],
    ],
    r,
  );
  if (!coef) return null;
  const [a, b, c] = coef;
  if (!(c > 0)) return null;
  const uMin = -b / (2 * c);
  if (uMin < -1 || uMin > 1) return null;
  return { x: mid + uMin * half, y: a + b * uMin + c * uMin * uMin };
}

/** Solves a 3 x 3 system by Gaussian elimination with partial pivoting; null when singular. */
function solve3(m: number[][], rhs: number[]): [number, number, number] | null {
  const a = m.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++) if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    if (Math.abs(a[pivot][col]) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let row = col + 1; row < 3; row++) {
      const f = a[row][col] / a[col][col];
      for (let k = col; k < 4; k++) a[row][k] -= f * a[col][k];
    }
  }
  const x = [0, 0, 0];
  for (let row = 2; row >= 0; row--) {
    let v = a[row][3];
    for (let k = row + 1; k < 3; k++) v -= a[row][k] * x[k];
    x[row] = v / a[row][row];
  }
  return [x[0], x[1], x[2]];
}
