import type { GenerationSummary } from '../../engine/core/summary-types';
import { rowToRecord, type RecordRowOf } from './table-descriptor';
import { RUNS_TABLE } from './tables';
import type { RunRecord } from './types';

/** A `runs` row as the record queries return it: every column but the ownership ones (tables.ts). */
export type RunRow = RecordRowOf<typeof RUNS_TABLE>;

/** A `generations` row as SQLite returns it (the columns `getGenerations` selects). */
export interface GenerationRow {
  t: number;
  sample_size: number;
  error_mean: number;
  error_rms: number;
  error_median: number;
  error_q25: number;
  error_q75: number;
  diversity_mean: number | null;
  diversity_median: number | null;
  kept_mean: number;
  test_error_mean: number | null;
  theory_error_mean_sq: number | null;
  theory_test_error: number | null;
  /** JSON object of the optional per-generation fields (today: `contraction`), or null. */
  extra: string | null;
}

/** Named parameters of SQL.insertGeneration. */
export interface GenerationParams {
  runId: string;
  t: number;
  sampleSize: number;
  errorMean: number;
  errorRms: number;
  errorMedian: number;
  errorQ25: number;
  errorQ75: number;
  diversityMean: number | null;
  diversityMedian: number | null;
  keptMean: number;
  testErrorMean: number | null;
  theoryErrorMeanSq: number | null;
  theoryTestError: number | null;
  extra: string | null;
}

export function toRunRecord(row: RunRow): RunRecord {
  return rowToRecord(RUNS_TABLE, row);
}

/**
 * Flattens a summary into column values. Refuses NaN and infinities (docs/cli.md: every number
 * is finite or null): SQLite would store NaN as NULL, and a NaN diversity or theory value would
 * read back as a null that the engine never reported.
 */
export function toGenerationParams(runId: string, g: GenerationSummary): GenerationParams {
  const params: GenerationParams = {
    runId,
    t: g.t,
    sampleSize: g.sampleSize,
    errorMean: g.error.mean,
    errorRms: g.error.rms,
    errorMedian: g.error.median,
    errorQ25: g.error.q25,
    errorQ75: g.error.q75,
    diversityMean: g.diversity?.mean ?? null,
    diversityMedian: g.diversity?.median ?? null,
    keptMean: g.kept.mean,
    testErrorMean: g.testError?.mean ?? null,
    theoryErrorMeanSq: g.theory.errorMeanSq,
    theoryTestError: g.theory.testError,
    extra: null,
  };
  if (g.contraction) {
    // A ratio over an exact zero is infinite; JSON cannot hold it, so such a median is null.
    const { median, geometricMean, slope } = g.contraction;
    params.extra = JSON.stringify({ contraction: { median: Number.isFinite(median) ? median : null, geometricMean, ...(slope === undefined ? {} : { slope }) } });
  }
  // gaussian-mixture: its own metrics (every number finite: the summariser refused the others).
  if (g.mixture) params.extra = JSON.stringify({ ...(params.extra === null ? {} : (JSON.parse(params.extra) as object)), mixture: g.mixture });
  // record.paths: the recorded replicates' parameter vectors (the export gathers them per replicate).
  if (g.paths) params.extra = JSON.stringify({ ...(params.extra === null ? {} : (JSON.parse(params.extra) as object)), paths: g.paths });
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`run ${runId}, generation t=${g.t}: ${key} is ${value}; expected a finite number`);
    }
  }
  return params;
}

/** The inverse of toGenerationParams: the same object shape, key order included. */
export function toGenerationSummary(row: GenerationRow): GenerationSummary {
  return {
    t: row.t,
    sampleSize: row.sample_size,
    error: {
      mean: row.error_mean,
      rms: row.error_rms,
      median: row.error_median,
      q25: row.error_q25,
      q75: row.error_q75,
    },
    // Both columns are written from one object, so one null means the object was null.
    diversity:
      row.diversity_mean === null || row.diversity_median === null
        ? null
        : { mean: row.diversity_mean, median: row.diversity_median },
    kept: { mean: row.kept_mean },
    testError: row.test_error_mean === null ? null : { mean: row.test_error_mean },
    theory: { errorMeanSq: row.theory_error_mean_sq, testError: row.theory_test_error },
    ...(row.extra === null ? {} : (JSON.parse(row.extra) as Pick<GenerationSummary, 'contraction' | 'mixture' | 'paths'>)),
  };
}
