/**
 * Helpers for the regression and verifier tests (docs/experiments.md sections 2, 5, 6). Nothing here
 * is a test. `simulateBlocks` runs a config exactly as runSimulation does with one block
 * (createBlock over all R replicates, summarised by the same GenerationSummariser) and hands back
 * copies of the per-replicate values at the generations asked for, so that standard errors come
 * from independent replicates at a single t. determinism.test.ts checks that its summaries equal
 * runSimulation's bit for bit.
 */
import { createBlock, GenerationSummariser, resolveConfig, runSimulation, type GenerationBlock, type GenerationSummary, type RunConfig } from '../../engine/index';

import { mean, sampleVariance, standardError } from '../engine/helpers';

// The statistics of independent replicates are the engine suite's, shared.
export { mean, sampleVariance, standardError };

/** One closed-form check, printed as a table row when CLOSED_FORM_REPORT is set. */
export interface CheckRow {
  check: string;
  measured: number;
  theory: number;
  tolerance: string;
}

export const checkRows: CheckRow[] = [];

export function record(row: CheckRow): void {
  checkRows.push(row);
}

/** resolveConfig on a partial config. */
export function config(partial: Record<string, unknown>): RunConfig {
  return resolveConfig(partial);
}

/** Per-replicate values of one generation, copied out of the block's reused buffers. */
export interface RegRaw {
  errSq: Float64Array;
  /** Sigma-norm excess risk (regression); a copy of errSq's length of zeros for other families. */
  testErr: Float64Array;
  kept: Float64Array;
  /** The replicates' fitted parameters (count x d), when `coefficients` was asked for. */
  coef?: Float64Array;
}

export interface SimOptions {
  /** Also copy the fitted coefficients (read from the block's private buffer, see coefficientsOf). */
  coefficients?: boolean;
}

/**
 * The fitted parameters of every replicate in a block. Neither block exposes them (the contract
 * exports summaries only), so the tests read the private buffer: `w` (RegressionBlock, count x d)
 * or `params` (ReplicateBlock, count x paramSize; the mean comes first for a Gaussian family).
 * Fails loudly if the engine renames it.
 */
export function coefficientsOf(block: GenerationBlock): Float64Array {
  const b = block as unknown as { w?: Float64Array; params?: Float64Array };
  const buf = b.w ?? b.params;
  if (!(buf instanceof Float64Array)) throw new Error('coefficientsOf: the block has no w or params buffer any more');
  return buf;
}

export function simulateBlocks(
  cfg: RunConfig,
  keep: (t: number) => boolean,
  options: SimOptions = {},
): { summaries: GenerationSummary[]; raw: Map<number, RegRaw> } {
  const block = createBlock(cfg, 0, cfg.replicates);
  const summariser = new GenerationSummariser(cfg);
  const out: GenerationSummary[] = [];
  const raw = new Map<number, RegRaw>();
  for (let t = 0; t <= cfg.generations; t++) {
    const g = t === 0 ? block.initial() : block.advance(t);
    out.push(summariser.summarise([g]));
    if (keep(t)) {
      raw.set(t, {
        errSq: g.errSq.slice(),
        testErr: g.testErr ? g.testErr.slice() : new Float64Array(g.errSq.length),
        kept: g.kept.slice(),
        ...(options.coefficients ? { coef: coefficientsOf(block).slice() } : {}),
      });
    }
  }
  return { summaries: out, raw };
}

/** All per-generation summaries of a run through the public runSimulation. */
export async function summaries(cfg: RunConfig, blockSizes?: readonly number[]): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  await runSimulation(cfg, { onGeneration: (s) => out.push(s), ...(blockSizes ? { blockSizes } : {}) });
  return out;
}

/** theory.testError (or errorMeanSq) for t = 0..T from the summaries. */
export function theoryOf(s: readonly GenerationSummary[], key: 'testError' | 'errorMeanSq' = 'testError'): number[] {
  return s.map((g) => g.theory[key] as number);
}

/**
 * Mean of a / mean of b over independent replicates and its delta-method standard error:
 * Var(abar / bbar) ~ Var(a - q b) / (R bbar^2) with q = abar / bbar.
 */
export function ratioWithSe(a: ArrayLike<number>, b: ArrayLike<number>): { ratio: number; se: number } {
  const R = a.length;
  const ma = mean(a);
  const mb = mean(b);
  const q = ma / mb;
  const resid = Float64Array.from({ length: R }, (_, i) => a[i] - q * b[i]);
  return { ratio: q, se: Math.sqrt(sampleVariance(resid) / R) / Math.abs(mb) };
}

/** Elementwise a - b. */
export function minus(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: a.length }, (_, i) => a[i] - b[i]);
}

/** Prints the recorded closed-form checks as a table when CLOSED_FORM_REPORT is set. */
export function printRows(title: string): void {
  if (!process.env.CLOSED_FORM_REPORT) return;
  const fmt = (v: number): string => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(6) : v.toExponential(4));
  const lines = checkRows.map((r) => `| ${r.check} | ${fmt(r.measured)} | ${fmt(r.theory)} | ${r.tolerance} |`);
  console.log([`### ${title}`, '| check | measured | theory | tolerance |', '| --- | --- | --- | --- |', ...lines].join('\n'));
}

/**
 * Two-sided 1e-3 quantile of Student's t with `df` degrees of freedom, for a tolerance built from
 * a standard error estimated with few replicates (R = 10: df 9 gives 4.781). Tabulated values,
 * checked against the t CDF (mpmath betainc) to 1e-6 in the tail probability. Between tabulated df
 * the next smaller df's (larger) value is used; above 60 df the quantile lies between 3.29 (the
 * normal's) and 3.46, so the suite's usual 4 is conservative.
 */
export function tQuantile999(df: number): number {
  const table: Record<number, number> = { 4: 8.61, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 10: 4.587, 11: 4.437, 15: 4.073, 19: 3.883, 20: 3.85, 30: 3.646, 40: 3.551, 60: 3.46 };
  if (table[df] !== undefined) return table[df];
  if (df > 60) return 4;
  const keys = Object.keys(table).map(Number).filter((k) => k <= df);
  if (keys.length === 0) throw new RangeError(`tQuantile999: no table value for ${df} degrees of freedom`);
  return table[Math.max(...keys)]; // the next smaller df's (larger) quantile: conservative
}

/**
 * The finite-size mean of a linear spectral statistic of S = X'X/n, X an n x d matrix of iid
 * N(0, 1) entries (Bai and Silverstein 2004, Theorem 1.1, real case, E x^4 = 3):
 *   E sum_i f(lambda_i(S)) - d integral f dMP_gamma -> mu_f
 *     = (f(a) + f(b))/4 - (1/(2 pi)) integral_a^b f(x) / sqrt(4 gamma - (x - 1 - gamma)^2) dx,
 * a, b = (1 -+ sqrt(gamma))^2, gamma = d/n < 1. So E tr f(S)/d = MP + mu_f/d + o(1/d): the
 * Marchenko-Pastur moments are off by about mu_f/d at finite d. With x = 1 + gamma + 2 sqrt(gamma) cos(theta)
 * the integral is (1/(2 pi)) integral_0^pi f(x(theta)) dtheta, a smooth periodic integrand: the
 * trapezoid rule converges geometrically. Check (exact): f(x) = 1/x gives gamma/(1 - gamma)^2, the
 * first-order term of E tr(S^-1) = d n/(n - d - 1) against d/(1 - gamma) (ridge.test.ts).
 */
export function baiSilversteinMean(f: (x: number) => number, gamma: number): number {
  const a = (1 - Math.sqrt(gamma)) ** 2;
  const b = (1 + Math.sqrt(gamma)) ** 2;
  const N = 2000;
  let s = 0;
  for (let i = 0; i <= N; i++) {
    const theta = (Math.PI * i) / N;
    s += (i === 0 || i === N ? 0.5 : 1) * f(1 + gamma + 2 * Math.sqrt(gamma) * Math.cos(theta));
  }
  return (f(a) + f(b)) / 4 - (s * (Math.PI / N)) / (2 * Math.PI);
}

/** The three ridge moments as functions of an eigenvalue x of S: a1 = E f1, a2 = E f2, v = E f3 (per d). */
export function ridgeMomentFunctions(lambda: number): { a1: (x: number) => number; a2: (x: number) => number; v: (x: number) => number } {
  return { a1: (x) => x / (x + lambda), a2: (x) => (x / (x + lambda)) ** 2, v: (x) => x / (x + lambda) ** 2 };
}

export interface RidgeMoments {
  a1: number;
  a2: number;
  v: number;
}

/**
 * The isotropic ridge chain (fresh design, replace) given each generation's moments, written out
 * independently of engine/theory/regression.ts. With A = (S + lambda)^-1 S, R = (S + lambda)^-1,
 * e_t = A e_{t-1} - (I - A) w0 + R X' xi / n. The design of generation t is independent of
 * e_{t-1} and rotation invariant, so E A = a1 I and E A^2 = a2 I exactly, with a1 = E tr(A)/d,
 * a2 = E tr(A^2)/d at the finite d; hence, exactly,
 *   m_t = a2 m_{t-1} - 2 (a1 - a2) c_{t-1} + (1 - 2 a1 + a2) ||w0||^2 + s_t^2 d v / n_t,
 *   c_t = E e_t'w0 = a1 c_{t-1} - (1 - a1) ||w0||^2,     m_{-1} = c_{-1} = 0,
 * v = E tr(R^2 S)/d, s_0 = sigma, s_t = sigma_0. The only approximation in theory.testError is
 * therefore the Marchenko-Pastur limit of (a1, a2, v).
 */
export function ridgeChain(moments: (t: number) => RidgeMoments, T: number, d: number, n: (t: number) => number, sigma: number, sigma0: number, w0sq: number): number[] {
  let m = 0;
  let c = 0;
  const out: number[] = [];
  for (let t = 0; t <= T; t++) {
    const { a1, a2, v } = moments(t);
    const s2 = t === 0 ? sigma * sigma : sigma0 * sigma0;
    const next = a2 * m - 2 * (a1 - a2) * c + (1 - 2 * a1 + a2) * w0sq + (s2 * d * v) / n(t);
    c = a1 * c - (1 - a1) * w0sq;
    m = next;
    out.push(m);
  }
  return out;
}
