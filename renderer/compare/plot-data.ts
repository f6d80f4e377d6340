import { metricDef, type MetricId } from './metrics';
import { hasValues, type RunColumns } from './run-columns';

/** How one chosen run is drawn: its legend label, colour, and whether it is the pinned baseline. */
export interface RunStyle {
  id: string;
  label: string;
  color: string;
  /** The run's palette slot (colour = RUN_PALETTE[slot % 20]); tooltips colour by its class. */
  slot: number;
  baseline: boolean;
}

export interface PlotOptions {
  metric: MetricId;
  yLog: boolean;
  xLog: boolean;
  bands: boolean;
}

/**
 * One run ready for the chart: columns aligned on `x` (generations), NaN where nothing is drawn.
 * The band is `lo` plus a stacked `width`, the usual ECharts way to fill between two curves.
 */
export interface PlotRun extends RunStyle {
  x: Float64Array;
  line: Float64Array;
  theory: Float64Array | null;
  /** The band's edges at every generation, as stored (for the tooltip and nothing drawn). */
  q: { lo: Float64Array; hi: Float64Array } | null;
  /** The band as drawn: its own x (the generations, or its envelope's bucket edges for long runs). */
  bandX: Float64Array | null;
  lo: Float64Array | null;
  width: Float64Array | null;
}

/**
 * Above this many generations a run's band is drawn as an envelope of at most this many points.
 * A band is two stacked series, and ECharts restacks every point of them on each zoom step: with
 * 20 runs of 10,001 generations that took 250-330 ms a wheel step here, against 60-80 ms with
 * the bands off. Lines and theory curves keep every generation (ECharts samples them with LTTB).
 */
export const BAND_MAX_POINTS = 1200;

/**
 * Downsamples a band to at most `maxPoints` points that still contain it: generations are cut
 * into equal buckets, and each bucket becomes two points (its first and last generation) carrying
 * the bucket's lowest low and highest high. Every original band value lies inside the envelope
 * at its own generation, and between generations too (the drawn band is linear in between).
 * Short bands come back as they are.
 */
export function bandEnvelope(x: Float64Array, lo: Float64Array, hi: Float64Array, maxPoints = BAND_MAX_POINTS): { x: Float64Array; lo: Float64Array; hi: Float64Array } {
  const n = x.length;
  if (n <= maxPoints) return { x, lo, hi };
  const buckets = Math.floor(maxPoints / 2);
  const size = Math.ceil(n / buckets);
  const count = Math.ceil(n / size);
  const ox = new Float64Array(2 * count);
  const olo = new Float64Array(2 * count);
  const ohi = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    const start = k * size;
    const end = Math.min(n, start + size);
    let min = Infinity;
    let max = -Infinity;
    for (let i = start; i < end; i++) {
      if (lo[i] < min) min = lo[i];
      if (hi[i] > max) max = hi[i];
    }
    const a = Number.isFinite(min) ? min : Number.NaN;
    const b = Number.isFinite(max) ? max : Number.NaN;
    ox[2 * k] = x[start];
    ox[2 * k + 1] = x[end - 1];
    olo[2 * k] = olo[2 * k + 1] = a;
    ohi[2 * k] = ohi[2 * k + 1] = b;
  }
  return { x: ox, lo: olo, hi: ohi };
}

export interface PlotData {
  runs: PlotRun[];
  /** On a log y axis: where non-positive band edges are drawn (half the smallest positive value). */
  floor: number | null;
  /** Labels of chosen runs with no value at all for the metric (e.g. test error of a Gaussian run). */
  withoutData: string[];
  /** Runs drawn with a theory curve. */
  withTheory: number;
  /** Points hidden because a log y axis cannot show values <= 0. */
  hiddenNonPositive: number;
  /** Band edges at or below zero drawn at `floor` on a log y axis. */
  clampedBandEdges: number;
}

/** Smallest strictly positive finite value across arrays, or null when there is none. */
export function smallestPositive(arrays: readonly (Float64Array | null)[]): number | null {
  let min = Infinity;
  for (const a of arrays) {
    if (!a) continue;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v > 0 && v < min && Number.isFinite(v)) min = v;
    }
  }
  return Number.isFinite(min) ? min : null;
}

/**
 * A line on a log axis: values that are not strictly positive become gaps (NaN), since a log
 * axis cannot show them and inventing a value would misreport the run. Returns the copy and how
 * many finite points were hidden.
 */
export function logSafeLine(values: Float64Array): { values: Float64Array; hidden: number } {
  const out = new Float64Array(values.length);
  let hidden = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0) out[i] = v;
    else {
      out[i] = Number.NaN;
      if (Number.isFinite(v)) hidden++;
    }
  }
  return { values: out, hidden };
}

/**
 * Band edges as `lo` and a stacked `width = hi - lo`. On a log axis edges at or below zero sit on
 * `floor` (the band then reaches the bottom of the plot, which is what an interval touching zero
 * looks like there); a missing edge leaves a gap.
 */
export function bandColumns(lo: Float64Array, hi: Float64Array, floor: number | null): { lo: Float64Array; width: Float64Array; clamped: number } {
  const n = lo.length;
  const outLo = new Float64Array(n);
  const width = new Float64Array(n);
  let clamped = 0;
  for (let i = 0; i < n; i++) {
    let a = lo[i];
    let b = hi[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      outLo[i] = Number.NaN;
      width[i] = Number.NaN;
      continue;
    }
    if (floor !== null) {
      if (a < floor) clamped++;
      a = Math.max(a, floor);
      b = Math.max(b, floor);
    }
    outLo[i] = a;
    width[i] = Math.max(0, b - a);
  }
  return { lo: outLo, width, clamped };
}

/** Index of the first row a log x axis can show (t > 0). */
function firstPositive(t: Float64Array): number {
  let i = 0;
  while (i < t.length && !(t[i] > 0)) i++;
  return i;
}

/** The chosen runs' columns for one metric and axis setting, made safe for the axes. */
export function buildPlotData(runs: readonly RunColumns[], styles: readonly RunStyle[], options: PlotOptions): PlotData {
  const metric = metricDef(options.metric);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const raw: { style: RunStyle; x: Float64Array; line: Float64Array; lo: Float64Array | null; hi: Float64Array | null; theory: Float64Array | null }[] = [];
  const withoutData: string[] = [];
  for (const style of styles) {
    const run = byId.get(style.id);
    if (!run) continue;
    const a = metric.arrays(run);
    const from = options.xLog ? firstPositive(run.t) : 0;
    const cut = (v: Float64Array | null): Float64Array | null => (v ? v.subarray(from) : null);
    const line = cut(a.line)!;
    if (!hasValues(line)) {
      withoutData.push(style.label);
      continue;
    }
    raw.push({ style, x: run.t.subarray(from), line, lo: options.bands ? cut(a.lo) : null, hi: options.bands ? cut(a.hi) : null, theory: cut(a.theory) });
  }

  const floorBase = options.yLog ? smallestPositive(raw.flatMap((r) => [r.line, r.lo, r.hi, r.theory])) : null;
  const floor = floorBase === null ? null : floorBase / 2;
  let hiddenNonPositive = 0;
  let clampedBandEdges = 0;
  const plotted: PlotRun[] = raw.map(({ style, x, line, lo, hi, theory }) => {
    let outLine = line;
    let outTheory = theory;
    if (options.yLog) {
      const l = logSafeLine(line);
      hiddenNonPositive += l.hidden;
      outLine = l.values;
      if (theory) outTheory = logSafeLine(theory).values;
    }
    const env = lo && hi ? bandEnvelope(x, lo, hi) : null;
    const band = env ? bandColumns(env.lo, env.hi, options.yLog ? floor : null) : null;
    clampedBandEdges += band?.clamped ?? 0;
    return { ...style, x, line: outLine, theory: outTheory, q: lo && hi ? { lo, hi } : null, bandX: env?.x ?? null, lo: band?.lo ?? null, width: band?.width ?? null };
  });
  return { runs: plotted, floor, withoutData, withTheory: plotted.filter((r) => r.theory !== null).length, hiddenNonPositive, clampedBandEdges };
}
