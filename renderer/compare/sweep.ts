import { windowMean as windowStats } from '../../common/sweep-stats';
import { defaultWindow } from '../../common/sweep-window';
import type { SweepDetail, SweepPointDto } from '../../preload/contract';
import { flattenConfig, formatConfigValue } from './config-diff';
import { metricDef, type MetricId } from './metrics';
import type { RunColumns } from './run-columns';

/** Which generations a run is summarised over. */
export type WindowId = 'last-quarter' | 'last-half' | 'all' | 'last';

export const WINDOWS: readonly { id: WindowId; label: string }[] = [
  { id: 'last-quarter', label: 'last quarter of generations' },
  { id: 'last-half', label: 'last half of generations' },
  { id: 'all', label: 'all generations' },
  { id: 'last', label: 'last generation' },
];

/**
 * The window [from, to) over generations 0..T. The last quarter is the default of stored
 * sweeps too (common/sweep-window.ts), so both agree on a run.
 */
export function windowRange(lastT: number, window: WindowId): [number, number] {
  switch (window) {
    case 'last-quarter':
      return defaultWindow(lastT);
    case 'last-half':
      return [lastT - Math.floor(lastT / 2), lastT + 1];
    case 'all':
      return [0, lastT + 1];
    case 'last':
      return [lastT, lastT + 1];
  }
}

/**
 * The run's values whose generation lies in [from, to), in order; with `complete`, null as soon
 * as one of them is not finite.
 */
function valuesInWindow(t: Float64Array, values: Float64Array, range: readonly [number, number], complete: boolean): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] < range[0] || t[i] >= range[1]) continue;
    const v = values[i];
    if (Number.isFinite(v)) out.push(v);
    else if (complete) return null;
  }
  return out;
}

/**
 * Mean of the finite values whose generation lies in [from, to); null when there is none. The
 * same window mean as the services' (common/sweep-stats.ts). Its standard error is not used:
 * skipping non-finite generations leaves gaps that the autocorrelation estimate assumes away.
 */
export function windowMean(t: Float64Array, values: Float64Array, range: readonly [number, number]): number | null {
  const inWindow = valuesInWindow(t, values, range, false)!;
  return inWindow.length > 0 ? windowStats(inWindow).mean : null;
}

/**
 * Mean of a closed form over the window, only when every generation there has one (a partial
 * theory mean would compare with a different set of generations than the run's summary).
 */
export function theoryWindowMean(t: Float64Array, values: Float64Array, range: readonly [number, number]): number | null {
  const inWindow = valuesInWindow(t, values, range, true);
  return inWindow !== null && inWindow.length > 0 ? windowStats(inWindow).mean : null;
}

/** What the services already summarised for one stored sweep point (`sweeps:get`). */
export type PointSummary = Pick<SweepPointDto, 'window' | 'mse' | 'mseSe' | 'theory' | 'testError' | 'theoryTestError' | 'kept'>;

/** A set of runs laid out along one swept numeric config field. */
export interface SweepGroup {
  /** Dotted path of the swept field, e.g. `sampleSize.n0`. */
  path: string;
  title: string;
  source: 'detected' | 'stored';
  /** A stored sweep's own window [from, to); null: the window the page's picker names. */
  window: [number, number] | null;
  members: { runId: string; x: number; seriesKey: string }[];
  /** Stored sweeps: the services' summary per run id (used for the metrics it covers). */
  summaries?: ReadonlyMap<string, PointSummary>;
}

/** Fields that never define a sweep: names and presets are labels, and seeds are repeats at one value. */
export const SWEEP_IGNORED: readonly string[] = ['name', 'preset', 'seed'];

/**
 * Sweeps among the chosen runs: for every numeric field, the groups of runs that agree on every
 * other field (names, presets and seeds aside) and take at least two values of it. Runs that
 * share a value (different seeds) are repeats at that point. Largest sweeps first.
 */
export function detectSweeps(runs: readonly { id: string; config: unknown }[]): SweepGroup[] {
  const ignored = new Set(SWEEP_IGNORED);
  const flats = runs.map((r) => ({ id: r.id, flat: flattenConfig(r.config) }));
  const paths = new Set<string>();
  for (const { flat } of flats) for (const [p, v] of Object.entries(flat)) if (!ignored.has(p) && typeof v === 'number' && Number.isFinite(v)) paths.add(p);

  const sweeps: SweepGroup[] = [];
  for (const path of [...paths].sort()) {
    const groups = new Map<string, { runId: string; x: number }[]>();
    for (const { id, flat } of flats) {
      const x = flat[path];
      if (typeof x !== 'number' || !Number.isFinite(x)) continue;
      const rest = Object.keys(flat)
        .filter((k) => k !== path && !ignored.has(k))
        .sort()
        .map((k) => [k, flat[k]]);
      const key = JSON.stringify(rest);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push({ runId: id, x });
    }
    for (const members of groups.values()) {
      const values = new Set(members.map((m) => m.x));
      if (values.size < 2) continue;
      sweeps.push({
        path,
        title: `${path}: ${values.size} values, ${members.length} runs`,
        source: 'detected',
        window: null,
        members: members.map((m) => ({ ...m, seriesKey: '' })),
      });
    }
  }
  return sweeps.sort((a, b) => b.members.length - a.members.length || a.path.localeCompare(b.path));
}

/**
 * A stored sweep (`sweeps:get`) as a SweepGroup: its first axis along x; on a grid of several
 * axes each combination of the others is its own line. Points never started have no run.
 */
export function fromSweepDetail(sweep: Pick<SweepDetail, 'sweepId' | 'name' | 'grid' | 'window' | 'points'>): SweepGroup | null {
  const [axis, ...others] = sweep.grid;
  if (!axis) return null;
  const started = sweep.points.filter((p): p is SweepPointDto & { runId: string } => p.runId !== null && typeof p.point[axis.path] === 'number');
  const members = started.map((p) => ({
    runId: p.runId,
    x: p.point[axis.path],
    seriesKey: others.map((o) => `${o.path} = ${formatConfigValue(p.point[o.path])}`).join(', '),
  }));
  return {
    path: axis.path,
    title: `stored sweep ${sweep.name}: ${axis.path}, ${members.length} runs`,
    source: 'stored',
    window: sweep.window ? [sweep.window[0], sweep.window[1]] : null,
    members,
    summaries: new Map(started.map((p) => [p.runId, p])),
  };
}

/** The services' summary of a stored point for a metric they cover (mse, test error, kept), else null. */
export function storedSummary(p: PointSummary, metric: MetricId): { value: number | null; theory: number | null; se: number | null } | null {
  switch (metric) {
    case 'mse':
      return { value: p.mse, theory: p.theory, se: p.mseSe };
    case 'testError':
      return { value: p.testError, theory: p.theoryTestError, se: null };
    case 'kept':
      return { value: p.kept, theory: null, se: null };
    default:
      return null;
  }
}

/** One run's point in the sweep view. */
export interface SweepRow {
  runId: string;
  x: number;
  seriesKey: string;
  /** Mean of the metric's line over the window; null when the run has no value there. */
  value: number | null;
  /** Mean of the metric's closed form over the same window; null where there is none. */
  theory: number | null;
  /** Standard error of `value` where the services estimated it (stored sweeps, mse). */
  se: number | null;
  window: [number, number];
}

/**
 * Each member run's summary of a metric over its window: a stored sweep's own summaries where
 * the services computed that metric, else the mean over the run's loaded series (runs not
 * loaded are skipped).
 */
export function sweepRows(sweep: SweepGroup, runs: ReadonlyMap<string, RunColumns>, metric: MetricId, window: WindowId): SweepRow[] {
  const def = metricDef(metric);
  const rows: SweepRow[] = [];
  for (const m of sweep.members) {
    const stored = sweep.summaries?.get(m.runId);
    const served = stored ? storedSummary(stored, metric) : null;
    if (stored && served) {
      rows.push({ runId: m.runId, x: m.x, seriesKey: m.seriesKey, ...served, window: [stored.window[0], stored.window[1]] });
      continue;
    }
    const run = runs.get(m.runId);
    if (!run || run.t.length === 0) continue;
    const range: [number, number] = stored ? [stored.window[0], stored.window[1]] : (sweep.window ?? windowRange(run.t[run.t.length - 1], window));
    const a = def.arrays(run);
    rows.push({ runId: m.runId, x: m.x, seriesKey: m.seriesKey, value: windowMean(run.t, a.line, range), theory: a.theory ? theoryWindowMean(run.t, a.theory, range) : null, se: null, window: range });
  }
  return rows;
}

/** Per line (seriesKey): the mean of the summaries at each swept value, and of the theory where every run there has one. */
export function sweepMeans(rows: readonly SweepRow[]): { seriesKey: string; points: { x: number; value: number | null; theory: number | null; n: number }[] }[] {
  const byKey = new Map<string, Map<number, SweepRow[]>>();
  for (const r of rows) {
    let g = byKey.get(r.seriesKey);
    if (!g) byKey.set(r.seriesKey, (g = new Map()));
    let at = g.get(r.x);
    if (!at) g.set(r.x, (at = []));
    at.push(r);
  }
  const mean = (v: (number | null)[]): number | null => {
    const ok = v.filter((x): x is number => x !== null);
    return ok.length > 0 ? ok.reduce((s, x) => s + x, 0) / ok.length : null;
  };
  return [...byKey].map(([seriesKey, g]) => ({
    seriesKey,
    points: [...g]
      .sort((a, b) => a[0] - b[0])
      .map(([x, at]) => ({
        x,
        value: mean(at.map((r) => r.value)),
        theory: at.every((r) => r.theory !== null) ? mean(at.map((r) => r.theory)) : null,
        n: at.length,
      })),
  }));
}
