/**
 * The reference computations of verifier-directions.test.ts, written without the engine's code
 * (but its random streams): the notebook's protocol as a plain loop (its own OLS by Gaussian
 * elimination, its own directions by power iteration with deflation), the exact one-round
 * E||theta_1 - theta*||^2 by quadrature, and the notebook's Theorem 3.1.
 */
import { symmetricEigen, truthVector, verifierCenter, type RunConfig } from '../../engine/index';
import { DESIGN_STREAM, fixedDirectionsDesign, gram } from '../../engine/regression/directions';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';
import { normalCdf, normalPdf } from '../../engine/theory/special';
import { config, mean } from './helpers';

export const SIGMA_C = Math.sqrt(2 / Math.PI);

/** The notebook's reference point: d = 8, n_1 = 100, k = n_2 = 100, sigma = 1, theta* = 1, sigma_c = sqrt(2/pi). */
export function notebook(extra: { seed?: number; replicates?: number; generations?: number; offset?: number; radius?: number; design?: 'fixed' | 'random'; k?: number } = {}): RunConfig {
  return config({
    seed: extra.seed ?? 1,
    replicates: extra.replicates ?? 200,
    generations: extra.generations ?? 1,
    model: { family: 'linear-regression', dim: 8, noise: 1, truth: 1 },
    sampleSize: { n0: 100 },
    filter: { kind: 'verifier', protocol: 'directions', perDirection: extra.k ?? 100, design: extra.design ?? 'fixed', centerOffset: extra.offset ?? 0, radius: extra.radius ?? 0.25, slack: SIGMA_C },
  });
}

// ---------------------------------------------------------------------------------------------
// The plain loop (no engine code but Xoshiro128, normal and seedStreams).

export type Mat = number[][];

/** Solves A x = b by Gaussian elimination with partial pivoting. */
export function solve(A: Mat, b: number[]): number[] {
  const d = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let i = c + 1; i < d; i++) if (Math.abs(M[i][c]) > Math.abs(M[p][c])) p = i;
    [M[c], M[p]] = [M[p], M[c]];
    for (let i = c + 1; i < d; i++) {
      const f = M[i][c] / M[c][c];
      for (let k = c; k <= d; k++) M[i][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = M[i][d];
    for (let k = i + 1; k < d; k++) s -= M[i][k] * x[k];
    x[i] = s / M[i][i];
  }
  return x;
}

/**
 * Eigenvectors of a symmetric positive definite G by power iteration with deflation, largest first:
 * the right singular vectors of X0 when G = X0'X0. Sign: largest-magnitude component positive.
 * Returns the vectors (columns as arrays) and the eigenvalues mu_j^2.
 */
export function powerDirections(G: Mat): { V: number[][]; mu2: number[] } {
  const d = G.length;
  const A = G.map((row) => [...row]);
  const V: number[][] = [];
  const mu2: number[] = [];
  for (let j = 0; j < d; j++) {
    let v = Array.from({ length: d }, (_, i) => 1 + 0.1 * i * (j + 1));
    let lambda = 0;
    for (let it = 0; it < 20000; it++) {
      const w = A.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
      const norm = Math.hypot(...w);
      const next = w.map((x) => x / norm);
      const change = Math.min(Math.hypot(...next.map((x, i) => x - v[i])), Math.hypot(...next.map((x, i) => x + v[i])));
      v = next;
      lambda = norm;
      if (change < 1e-15) break;
    }
    // One Rayleigh quotient for the eigenvalue, then deflate.
    const Av = A.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
    lambda = v.reduce((s, x, i) => s + x * Av[i], 0);
    let big = 0;
    for (let i = 1; i < d; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
    if (v[big] < 0) v = v.map((x) => -x);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) A[a][b] -= lambda * v[a] * v[b];
    V.push(v);
    mu2.push(lambda);
  }
  return { V, mu2 };
}

export interface PlainRun {
  /** errSq[t][r] = ||theta_t - theta*||^2. */
  errSq: number[][];
  kept: number[][];
}

/** The notebook's protocol, generation after generation, for replicates 0..R-1. */
export function plainDirections(c: RunConfig): PlainRun {
  const d = c.model.dim;
  const n0 = c.sampleSize.n0;
  const k = c.filter.perDirection!;
  const fixed = c.filter.design === 'fixed';
  const theta = Array.from(truthVector(c));
  const centre = theta.map((v) => v + (c.filter.centerOffset ?? 0) / Math.sqrt(d));
  const sigma = c.model.noise!;
  const sigma0 = c.model.syntheticNoise ?? sigma;
  const threshold = (v: number[]): number => (c.filter.radius ?? 0) * Math.hypot(...v) + (c.filter.slack ?? 0);
  const drawRows = (rng: Xoshiro128, withNoise: boolean, X?: Mat): { X: Mat; y: number[] } => {
    const rows: Mat = [];
    const y: number[] = [];
    for (let i = 0; i < n0; i++) {
      const x = X ? X[i] : Array.from({ length: d }, () => normal(rng));
      rows.push(x);
      y.push(x.reduce((s, v, j) => s + v * theta[j], 0) + (withNoise ? sigma * normal(rng) : 0));
    }
    return { X: rows, y };
  };
  const gramOf = (X: Mat): Mat => Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => X.reduce((s, x) => s + x[a] * x[b], 0)));
  let fixedX: Mat | undefined;
  let fixedV: number[][] | undefined;
  if (fixed) {
    const rng = new Xoshiro128();
    rng.load(seedStreams(c.seed, DESIGN_STREAM, 1), 0);
    fixedX = Array.from({ length: n0 }, () => Array.from({ length: d }, () => normal(rng)));
    fixedV = powerDirections(gramOf(fixedX)).V;
  }
  const out: PlainRun = { errSq: [], kept: [] };
  for (let t = 0; t <= c.generations; t++) {
    out.errSq.push([]);
    out.kept.push([]);
  }
  for (let r = 0; r < c.replicates; r++) {
    const rng = new Xoshiro128();
    rng.load(seedStreams(c.seed, r, 1), 0);
    const { X, y } = drawRows(rng, true, fixedX);
    const G = gramOf(X);
    // OLS normal equations on X'X / n0 and X'y / n0, as any OLS would.
    let b = solve(G.map((row) => row.map((v) => v / n0)), Array.from({ length: d }, (_, a) => X.reduce((s, x, i) => s + x[a] * y[i], 0) / n0));
    const V = fixedV ?? powerDirections(G).V;
    const err = (): number => b.reduce((s, v, j) => s + (v - theta[j]) ** 2, 0);
    out.errSq[0].push(err());
    out.kept[0].push(1);
    for (let t = 1; t <= c.generations; t++) {
      let draws = 0;
      const coords = V.map((v) => {
        const along = v.reduce((s, x, i) => s + x * b[i], 0);
        const centreAlong = v.reduce((s, x, i) => s + x * centre[i], 0);
        const h = threshold(v);
        let sum = 0;
        let accepted = 0;
        while (accepted < k) {
          const label = along + sigma0 * normal(rng);
          draws++;
          if (Math.abs(label - centreAlong) <= h) {
            sum += label;
            accepted++;
          }
        }
        return sum / k;
      });
      b = Array.from({ length: d }, (_, i) => V.reduce((s, v, j) => s + v[i] * coords[j], 0));
      out.errSq[t].push(err());
      out.kept[t].push((d * k) / draws);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The exact one-round law by quadrature.

/** Mean and variance of N(m, s^2) truncated to [lo, hi]. */
export function truncated(m: number, s: number, lo: number, hi: number): { mean: number; variance: number } {
  const a = (lo - m) / s;
  const b = (hi - m) / s;
  const Zab = normalCdf(b) - normalCdf(a);
  const q = (normalPdf(a) - normalPdf(b)) / Zab;
  return { mean: m + s * q, variance: s * s * (1 + (a * normalPdf(a) - b * normalPdf(b)) / Zab - q * q) };
}

/**
 * E||theta_1 - theta*||^2 exactly: sum_j of E over delta_j ~ N(0, sigma^2/mu_j^2) of
 * (E[a_j | delta] - v_j'theta*)^2 + Var[a_j | delta]/k, the accepted labels along v_j being
 * N(v_j'theta* + delta, sigma_0^2) truncated to v_j'theta_c -+ h, h = r ||v_j|| + sigma_c.
 * Simpson's rule over delta in -+12 SD (4000 panels).
 */
export function exactOneRound(mu2: ArrayLike<number>, biasAlong: ArrayLike<number>, h: number, sigma: number, sigma0: number, k: number): number {
  let total = 0;
  for (let j = 0; j < mu2.length; j++) {
    const s = sigma / Math.sqrt(mu2[j]);
    const N = 4000;
    const lo = -12 * s;
    const step = (24 * s) / N;
    let acc = 0;
    for (let i = 0; i <= N; i++) {
      const delta = lo + i * step;
      const { mean: m, variance } = truncated(delta, sigma0, biasAlong[j] - h, biasAlong[j] + h);
      const density = Math.exp(-0.5 * (delta / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
      acc += (i === 0 || i === N ? 1 : i % 2 === 1 ? 4 : 2) * density * (m * m + variance / k);
    }
    total += (acc * step) / 3;
  }
  return total;
}

/**
 * The notebook's Theorem 3.1 (leading order in 1/mu^2), as its code states it:
 * sigma^2 sum_j [ m2/n2 + m1^2 + (m2^2 + m3 m1)/mu_j^2 ], alpha_j, beta_j = (-+(r + sigma_c) + v_j'(theta_c - theta*))/sigma,
 * m1 = -(phi(beta) - phi(alpha))/(Phi(beta) - Phi(alpha)), m2 the truncated variance, m3 = -2 lambda(alpha, beta).
 */
export function theorem31(mu2: ArrayLike<number>, biasAlong: ArrayLike<number>, r: number, sigmaC: number, sigma: number, k: number): number {
  let total = 0;
  for (let j = 0; j < mu2.length; j++) {
    const a = (-r - sigmaC + biasAlong[j]) / sigma;
    const b = (r + sigmaC + biasAlong[j]) / sigma;
    const D = normalCdf(b) - normalCdf(a);
    const C = (normalPdf(b) - normalPdf(a)) / D;
    const m1 = -C;
    const m2 = 1 - (b * normalPdf(b) - a * normalPdf(a)) / D - C * C;
    const lam = ((b * b - 1) * normalPdf(b) - (a * a - 1) * normalPdf(a)) / (2 * D) + (3 * (normalPdf(b) - normalPdf(a)) * (b * normalPdf(b) - a * normalPdf(a))) / (2 * D * D) + C ** 3;
    const m3 = -2 * lam;
    total += sigma * sigma * (m2 / k + m1 * m1 + (m2 * m2 + m3 * m1) / mu2[j]);
  }
  return total;
}

/** The fixed design's mu_j^2 and the projections v_j'(theta_c - theta*), from the engine's X0 (as the engine's theory sees it). */
export function designOf(c: RunConfig): { mu2: Float64Array; biasAlong: number[] } {
  const d = c.model.dim;
  const { values, vectors } = symmetricEigen(gram(fixedDirectionsDesign(c, c.sampleSize.n0), c.sampleSize.n0, d), d);
  const truth = truthVector(c);
  const centre = verifierCenter(truth, c.filter.centerOffset ?? 0);
  const biasAlong = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += vectors[i * d + j] * (centre[i] - truth[i]);
    return s;
  });
  return { mu2: values, biasAlong };
}
