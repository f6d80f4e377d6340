import type { CompareSeries, RunSummary } from '../../preload/contract';

type GenerationSummary = CompareSeries['generations'][number];
export type RunConfig = CompareSeries['config'];

/** The per-generation numbers the Compare page plots, one column each; NaN stands for null. */
export const COLUMN_KEYS = ['errMean', 'errRms', 'errMedian', 'errQ25', 'errQ75', 'divMean', 'divMedian', 'kept', 'testError', 'theoryMsq', 'theoryTest', 'contractionBound'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/**
 * One run's series as typed columns. `compare:series` answers with one object per generation
 * (about 300 bytes each in JSON); these columns hold the same numbers in 8 bytes a value, and
 * the objects are dropped as soon as they are read. Nothing per point ever lives in React state.
 */
export interface RunColumns {
  readonly id: string;
  readonly summary: Readonly<RunSummary>;
  readonly config: Readonly<RunConfig>;
  /** Generation index of each row (0..T for a complete run). */
  readonly t: Float64Array;
  readonly cols: Readonly<Record<ColumnKey, Float64Array>>;
  /**
   * record.paths runs only: per recorded replicate, its parameter vector at each row (generation),
   * as the run stores them; null when the run recorded none.
   */
  readonly paths: readonly (readonly (readonly number[])[])[] | null;
}

const num = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

const READ: Readonly<Record<ColumnKey, (g: GenerationSummary) => number>> = {
  errMean: (g) => num(g.error?.mean),
  errRms: (g) => num(g.error?.rms),
  errMedian: (g) => num(g.error?.median),
  errQ25: (g) => num(g.error?.q25),
  errQ75: (g) => num(g.error?.q75),
  divMean: (g) => num(g.diversity?.mean),
  divMedian: (g) => num(g.diversity?.median),
  kept: (g) => num(g.kept?.mean),
  testError: (g) => num(g.testError?.mean),
  theoryMsq: (g) => num(g.theory?.errorMeanSq),
  theoryTest: (g) => num(g.theory?.testError),
  contractionBound: (g) => num(g.theory?.contractionBound),
};

/** Turns one `compare:series` entry into columns (generations in the order stored, t ascending). */
export function toRunColumns(series: Readonly<CompareSeries>): RunColumns {
  const gens = series.generations;
  const n = gens.length;
  const t = new Float64Array(n);
  const cols = Object.fromEntries(COLUMN_KEYS.map((k) => [k, new Float64Array(n)])) as Record<ColumnKey, Float64Array>;
  const K = Math.max(0, ...gens.map((g) => g.paths?.length ?? 0));
  const paths: number[][][] | null = K > 0 ? Array.from({ length: K }, () => []) : null;
  for (let i = 0; i < n; i++) {
    const g = gens[i];
    t[i] = g.t;
    for (const k of COLUMN_KEYS) cols[k][i] = READ[k](g);
    if (paths) g.paths?.forEach((v, k) => paths[k].push(v));
  }
  return { id: series.run.id, summary: series.run, config: series.config, t, cols, paths };
}

/** Whether a column holds at least one finite value. */
export function hasValues(column: Float64Array): boolean {
  for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i])) return true;
  return false;
}
