/**
 * Seed 003 (He, Xu and Cheng): stationary per-coordinate MSE of theta_t = w theta_real +
 * (1 - w) theta_syn, V(w) = (sigma^2 / n_real) (w^2 + k (1 - w)^2) / (w (2 - w)), k = n_real / n_syn.
 */
export function freshStationaryVariance(w: number, nReal: number, nSyn: number, sigma = 1): number {
  const k = nReal / nSyn;
  return ((sigma * sigma) / nReal) * ((w * w + k * (1 - w) * (1 - w)) / (w * (2 - w)));
}

/** The weight minimising V(w): w* = (sqrt(k^2 + 4k) - k) / 2; 1/phi = 0.6180 at k = 1. */
export function freshOptimalWeight(k: number): number {
  return (Math.sqrt(k * k + 4 * k) - k) / 2;
}

/** Naive pooling's weight, the real share of the data: w = k / (1 + k). */
export function freshNaiveWeight(k: number): number {
  return k / (1 + k);
}
