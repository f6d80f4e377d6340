import { MIXTURE_STRIDE } from '../mixture/settings';
import { SimulationFailure } from './failure';
import type { ErrorSummary, MixtureSummary } from './summary-types';

/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan
 * type 7, the default of R and NumPy).
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean of values, summed in index order so the result does not depend on how they were produced. */
export function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * docs/cli.md's `error` object from squared distances: mean, rms, median and quartiles of
 * ||theta_t - theta*||_2 across replicates. `scratch` (same length) avoids an allocation per generation.
 */
export function summariseErrors(errSq: Float64Array, scratch: Float64Array): ErrorSummary {
  let sumSq = 0;
  let sum = 0;
  for (let i = 0; i < errSq.length; i++) {
    const e = Math.sqrt(errSq[i]);
    scratch[i] = e;
    sum += e;
    sumSq += errSq[i];
  }
  scratch.sort();
  return {
    mean: sum / errSq.length,
    rms: Math.sqrt(sumSq / errSq.length),
    median: quantileSorted(scratch, 0.5),
    q25: quantileSorted(scratch, 0.25),
    q75: quantileSorted(scratch, 0.75),
  };
}

/** docs/cli.md's `diversity` object: mean and median across replicates. */
export function summariseDiversity(values: Float64Array, scratch: Float64Array): { mean: number; median: number } {
  scratch.set(values);
  scratch.sort();
  return { mean: mean(values), median: quantileSorted(scratch, 0.5) };
}

/**
 * Median and geometric mean of positive ratios. A ratio with a zero denominator (an exact hit
 * of the truth) is infinite and is left out of the geometric mean; the median keeps it.
 */
export function summariseRatios(values: Float64Array, scratch: Float64Array): { median: number; geometricMean: number } {
  scratch.set(values);
  scratch.sort();
  let logSum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0 && Number.isFinite(v)) {
      logSum += Math.log(v);
      n++;
    }
  }
  return { median: quantileSorted(scratch, 0.5), geometricMean: n > 0 ? Math.exp(logSum / n) : 1 };
}

/**
 * docs/cli.md's `mixture` object from R rows of engine/mixture/mixture-block.ts's stride
 * [distance, its Monte Carlo SE, tails, min weight, live components, re-seeds]: the distance's mean
 * with its standard error across replicates (sd / sqrt(R)) and the mean Monte Carlo SE of one
 * replicate's estimate; the other numbers' means. A non-finite value fails the run, naming it.
 */
export function summariseMixture(rows: Float64Array, kind: MixtureSummary['distance']['kind'], t: number): MixtureSummary {
  const S = MIXTURE_STRIDE;
  const R = rows.length / S;
  const sums = new Float64Array(S);
  let sumSq = 0;
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < S; j++) {
      const v = rows[r * S + j];
      if (!Number.isFinite(v)) throw new SimulationFailure(t, `replicate ${r}: the mixture's ${['distance', 'distance SE', 'tails', 'smallest weight', 'components', 're-seeds'][j]} is ${v}`);
      sums[j] += v;
    }
    sumSq += rows[r * S] ** 2;
  }
  const m = sums[0] / R;
  const variance = R > 1 ? Math.max(0, (sumSq - R * m * m) / (R - 1)) : 0;
  return {
    distance: { kind, mean: m, se: Math.sqrt(variance / R), mcSe: sums[1] / R },
    tails: { mean: sums[2] / R },
    minWeight: { mean: sums[3] / R },
    components: { mean: sums[4] / R },
    reseeded: sums[5],
  };
}

/**
 * The least-squares slope of y on x, sum (x - x_bar)(y - y_bar) / sum (x - x_bar)^2: for
 * x = ||e_{t-1}||^2 and y = ||e_t||^2 across replicates, the measured 1 - c_t of seed 000's
 * E[V_t | V_{t-1}] = (1 - c_t) V_{t-1} + noise_t. Null when x does not vary.
 */
export function leastSquaresSlope(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}
