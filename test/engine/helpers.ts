/**
 * Shared helpers for the engine's statistical tests. Nothing here is a test; the *.test.ts files
 * beside it use these to run the engine and to compute standard errors honestly.
 */
import {
  ConfigError,
  GenerationSummariser,
  ReplicateBlock,
  resolveConfig,
  runSimulation,
  type GenerationSummary,
  type RunConfig,
} from '../../engine/index';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';

/** resolveConfig on a partial config (the tests' configs are written as partials over the defaults). */
export function config(partial: Record<string, unknown>): RunConfig {
  return resolveConfig(partial);
}

/** The message of the ConfigError that resolveConfig throws for `partial` (fails the test if it resolves). */
export function refusal(partial: unknown): string {
  try {
    resolveConfig(partial);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message;
  }
  throw new Error('expected a ConfigError');
}

/** All per-generation summaries of a run through the public runSimulation. */
export async function summaries(cfg: RunConfig, blockSizes?: readonly number[]): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  await runSimulation(cfg, { onGeneration: (s) => out.push(s), ...(blockSizes ? { blockSizes } : {}) });
  return out;
}

/** Per-replicate values of one generation, copied out of the block's reused buffers. */
export interface Raw {
  errSq: Float64Array;
  diversity: Float64Array;
  kept: Float64Array;
}

/**
 * Runs a config exactly as runSimulation does with a single block (one ReplicateBlock over all R
 * replicates, summarised by the same GenerationSummariser), but also hands back copies of the
 * per-replicate values at the generations `keep` selects, so tests can compute standard errors
 * from independent replicates. determinism.test.ts checks that these summaries equal
 * runSimulation's bit for bit.
 */
export function simulate(cfg: RunConfig, keep: (t: number) => boolean): { summaries: GenerationSummary[]; raw: Map<number, Raw> } {
  const block = new ReplicateBlock(cfg, 0, cfg.replicates);
  const summariser = new GenerationSummariser(cfg);
  const out: GenerationSummary[] = [];
  const raw = new Map<number, Raw>();
  for (let t = 0; t <= cfg.generations; t++) {
    const g = t === 0 ? block.initial() : block.advance(t);
    out.push(summariser.summarise([g]));
    if (keep(t)) raw.set(t, { errSq: g.errSq.slice(), diversity: g.diversity.slice(), kept: g.kept.slice() });
  }
  return { summaries: out, raw };
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Unbiased sample variance. */
export function sampleVariance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return s / (values.length - 1);
}

/** Standard error of the mean of independent values, from their own sample SD. */
export function standardError(values: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(values) / values.length);
}

/** Per-replicate averages of errSq over the kept generations `ts` (independent across replicates). */
export function timeAverages(raw: Map<number, Raw>, ts: readonly number[], field: keyof Raw = 'errSq'): Float64Array {
  const R = raw.get(ts[0])![field].length;
  const out = new Float64Array(R);
  for (const t of ts) {
    const v = raw.get(t)![field];
    for (let r = 0; r < R; r++) out[r] += v[r] / ts.length;
  }
  return out;
}

/** Sample median (type 7, the engine's convention). */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = (s.length - 1) * 0.5;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

/**
 * Kolmogorov-Smirnov statistic D = sup |F_n - F| of a sample against a continuous CDF.
 * Sorts `sample` in place.
 */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  sample.sort();
  const n = sample.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sample[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * Critical value of sqrt(n) D at level alpha from Kolmogorov's limit law,
 * P(sqrt(n) D > x) = 2 sum_k (-1)^(k-1) exp(-2 k^2 x^2) ~ 2 exp(-2 x^2) for small alpha, so
 * x = sqrt(-ln(alpha / 2) / 2). At alpha = 1e-3: sqrt(ln(2000) / 2) = 1.9495 (the k = 2 term,
 * 2 exp(-8 x^2) ~ 1e-13, is negligible).
 */
export function ksCritical(alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2);
}

/** Records one closed-form check; printed as a table when CLOSED_FORM_REPORT is set. */
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

export function printRows(): void {
  if (!process.env.CLOSED_FORM_REPORT) return;
  const lines = checkRows.map((r) => `| ${r.check} | ${fmt(r.measured)} | ${fmt(r.theory)} | ${r.tolerance} |`);
  console.log(['| check | measured | theory | tolerance |', '| --- | --- | --- | --- |', ...lines].join('\n'));
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(5) : v.toExponential(4);
}

/** A fresh generator on stream `index` of `seed` (seedStreams): the random-layer tests' source. */
export function stream(seed: number, index = 0): Xoshiro128 {
  const rng = new Xoshiro128();
  rng.load(seedStreams(seed, index, 1), 0);
  return rng;
}
