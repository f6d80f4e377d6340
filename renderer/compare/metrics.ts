import { hasValues, type RunColumns } from './run-columns';

export type MetricId = 'mse' | 'error' | 'testError' | 'kept' | 'diversity';

/** What one metric plots for a run: the line, an optional band, and the closed form it compares with. */
export interface MetricArrays {
  line: Float64Array;
  /** Interquartile band, low and high edges (null when the metric has none). */
  lo: Float64Array | null;
  hi: Float64Array | null;
  /** The closed-form prediction of the same quantity as `line`, or null where none applies. */
  theory: Float64Array | null;
}

export interface MetricDef {
  id: MetricId;
  /** In the metric picker. */
  label: string;
  /** The y axis name: it says exactly what is plotted. */
  axisName: string;
  /** What the line, band and dashed curve are, said so the comparison is honest. */
  caption: string;
  /** Column header stem in the CSV export. */
  csvKey: string;
  bandName: string | null;
  theoryName: string | null;
  arrays: (run: RunColumns) => MetricArrays;
}

function square(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * a[i];
  return out;
}

const orNull = (a: Float64Array): Float64Array | null => (hasValues(a) ? a : null);

/**
 * The metrics the page can plot (docs/cli.md's export document). Squaring is monotone on
 * distances, so the quartiles of ||e||^2 are the squares of the stored quartiles of ||e||: the
 * MSE view's band is exact, not an approximation.
 */
export const METRICS: readonly MetricDef[] = [
  {
    id: 'mse',
    label: 'MSE ‖θₜ − θ*‖² vs theory',
    axisName: 'E‖θₜ − θ*‖²',
    caption:
      'Line: mean over replicates of ‖θₜ − θ*‖² (error.rms²). Band: its interquartile range (q25², q75²). Dashed: the closed form of the same mean, theory.errorMeanSq, so line and dashed curve should agree where the theory holds; a neural run has none and shows seed 000\'s bound theory.contractionBound instead, which the line should stay under.',
    csvKey: 'mse',
    bandName: 'IQR of ‖θₜ − θ*‖²',
    theoryName: 'theory.errorMeanSq',
    arrays: (r) => ({ line: square(r.cols.errRms), lo: square(r.cols.errQ25), hi: square(r.cols.errQ75), theory: orNull(r.cols.theoryMsq) ?? orNull(r.cols.contractionBound) }),
  },
  {
    id: 'error',
    label: 'Error ‖θₜ − θ*‖: median, IQR',
    axisName: 'median ‖θₜ − θ*‖',
    caption:
      'Line: median over replicates of the distance ‖θₜ − θ*‖. Band: its 25th to 75th percentile. No dashed curve: the closed forms predict the mean square, not the median; switch to the mean squared error to compare with theory.',
    csvKey: 'error_median',
    bandName: 'q25–q75 of ‖θₜ − θ*‖',
    theoryName: null,
    arrays: (r) => ({ line: r.cols.errMedian, lo: r.cols.errQ25, hi: r.cols.errQ75, theory: null }),
  },
  {
    id: 'testError',
    label: 'Test error (regression) vs theory',
    axisName: 'excess test risk',
    caption:
      'Line: excess test risk of generation t’s predictor, mean over replicates (testError.mean). Dashed: its closed form, theory.testError. Only regression runs have a test error.',
    csvKey: 'test_error',
    bandName: null,
    theoryName: 'theory.testError',
    arrays: (r) => ({ line: r.cols.testError, lo: null, hi: null, theory: orNull(r.cols.theoryTest) }),
  },
  {
    id: 'kept',
    label: 'Kept fraction',
    axisName: 'kept fraction (mean)',
    caption: 'Line: mean fraction of candidates the filter kept (or its mean weight, for a soft filter); 1 without a filter.',
    csvKey: 'kept',
    bandName: null,
    theoryName: null,
    arrays: (r) => ({ line: r.cols.kept, lo: null, hi: null, theory: null }),
  },
  {
    id: 'diversity',
    label: 'Diversity (fitted variance)',
    axisName: 'fitted variance per dimension',
    caption: 'Line: mean over replicates of the fitted model’s per-dimension variance (trace / d); it shrinks when the spread collapses. Runs whose model has no spread have none.',
    csvKey: 'diversity',
    bandName: null,
    theoryName: null,
    arrays: (r) => ({ line: r.cols.divMean, lo: null, hi: null, theory: null }),
  },
];

export function metricDef(id: MetricId): MetricDef {
  return METRICS.find((m) => m.id === id) ?? METRICS[0];
}

export function isMetricId(value: string): value is MetricId {
  return METRICS.some((m) => m.id === value);
}
