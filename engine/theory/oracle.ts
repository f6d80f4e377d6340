import { chiSquareCdf, chiSquareQuantile } from './special';

/**
 * Contraction factor of the oracle keep-q filter (docs/experiments.md section 4):
 * rho = F_chi2(d+2)(c_q) / q with c_q = F_chi2(d)^-1(q). Kept candidates of N(theta, I) in the
 * ball around theta* have mean theta* + rho (theta - theta*) and per-coordinate variance rho.
 */
export function oracleRho(d: number, q: number): number {
  if (q >= 1) return 1;
  const c = chiSquareQuantile(q, d);
  return chiSquareCdf(c, d + 2) / q;
}

/** Stationary MSE of the oracle filter: d rho / (N q (1 - rho^2)) (docs/experiments.md section 4). */
export function oracleStationaryMse(d: number, q: number, n: number, sigma = 1): number {
  const rho = oracleRho(d, q);
  return (sigma * sigma * d * rho) / (n * q * (1 - rho * rho));
}
