import type { GenerationSummary, RunConfig } from '../../engine';
import type { ReadableRunStore, RunRecord, RunStatus, SweepAxis, SweepPoint, SweepRecord, SweepStatus } from '../store';
import { ServiceError } from './errors';
import { defaultWindow, expandGrid } from './sweep-grid';
import { parabolaVertex, windowMean } from '../../common/sweep-stats';

/** What one grid point's run shows over the sweep's window of generations. */
export interface PointSummary {
  /** Mean over the window of error.rms^2: the mean squared error ||theta_t - theta*||^2. */
  mse: number | null;
  /** Its standard error, autocorrelation included (windowMean). */
  mseSe: number | null;
  /** Integrated autocorrelation time of the per-generation values, in generations. */
  mseTau: number | null;
  /** Mean over the window of theory.errorMeanSq when every generation there has one. */
  theory: number | null;
  /** Regression: mean over the window of testError.mean when every generation has one. */
  testError: number | null;
  testErrorSe: number | null;
  /** Regression: mean over the window of theory.testError when every generation has one. */
  theoryTestError: number | null;
  /** Mean over the window of kept.mean. */
  kept: number | null;
}

/** A grid point with its run and its summary (every number null until the window is stored). */
export interface SweepPointResult extends PointSummary {
  /** Position in the grid's run order (first axis slowest). */
  index: number;
  point: SweepPoint;
  /** Null for a point whose run was never started (the sweep was interrupted first). */
  runId: string | null;
  status: RunStatus | 'not-started';
  /** The generations [from, to) the summary covers. */
  window: [number, number];
}

/** The grid point with the lowest mse. */
export interface SweepBest {
  index: number;
  point: SweepPoint;
  runId: string;
  mse: number;
  mseSe: number | null;
}

/**
 * The vertex of a least-squares parabola through the mse of the points around the lowest one
 * (1-D grids of 5 points or more): a steadier estimate of the argmin than the grid point with
 * the lowest mse, which can only be a grid value and flips between neighbours on noise.
 */
export interface SweepVertex {
  path: string;
  /** Where the fitted parabola is lowest. */
  value: number;
  /** The fitted mse there. */
  mse: number;
  /** The swept values the parabola was fitted to. */
  fitted: number[];
}

export interface SweepResults {
  sweepId: string;
  name: string;
  preset: string | null;
  status: SweepStatus;
  /** The validated config every point started from. */
  base: RunConfig;
  grid: SweepAxis[];
  /** As stored: null means each run's last quarter. */
  window: [number, number] | null;
  createdAt: string;
  finishedAt: string | null;
  points: SweepPointResult[];
  best: SweepBest | null;
  vertex: SweepVertex | null;
}

/** Points around the lowest mse that the parabola is fitted to: up to 7, at least 5. */
const VERTEX_POINTS = 7;
const VERTEX_MIN_POINTS = 5;

/** Averages `pick` over the window; null when any generation there lacks the value. */
function meanOf(rows: readonly GenerationSummary[], pick: (g: GenerationSummary) => number | null | undefined): number[] | null {
  const values: number[] = [];
  for (const g of rows) {
    const v = pick(g);
    if (v === null || v === undefined) return null;
    values.push(v);
  }
  return values;
}

/**
 * Summarises one run over generations [from, to). Everything is null unless every generation
 * of the window is stored: a window cut short by a failure or a cancel would be a different
 * average, not a worse estimate of the same one.
 */
export function summarisePoint(generations: readonly GenerationSummary[], window: readonly [number, number]): PointSummary {
  const [from, to] = window;
  const rows = generations.filter((g) => g.t >= from && g.t < to);
  const empty: PointSummary = { mse: null, mseSe: null, mseTau: null, theory: null, testError: null, testErrorSe: null, theoryTestError: null, kept: null };
  if (rows.length !== to - from) return empty;
  const average = (values: number[] | null): number | null => (values === null ? null : windowMean(values).mean);
  const mse = windowMean(rows.map((g) => g.error.rms * g.error.rms));
  const testValues = meanOf(rows, (g) => g.testError?.mean);
  const test = testValues === null ? null : windowMean(testValues);
  return {
    mse: mse.mean,
    mseSe: mse.se,
    mseTau: mse.tau,
    theory: average(meanOf(rows, (g) => g.theory.errorMeanSq)),
    testError: test?.mean ?? null,
    testErrorSe: test?.se ?? null,
    theoryTestError: average(meanOf(rows, (g) => g.theory.testError)),
    kept: average(rows.map((g) => g.kept.mean)),
  };
}

/** The window of a point: the sweep's own, else the last quarter of the point's generations. */
export function pointWindow(sweep: Pick<SweepRecord, 'window' | 'base'>, point: SweepPoint): [number, number] {
  if (sweep.window) return [sweep.window[0], sweep.window[1]];
  return defaultWindow(point.generations ?? sweep.base.generations);
}

export function bestPoint(points: readonly SweepPointResult[]): SweepBest | null {
  let best: SweepBest | null = null;
  for (const p of points) {
    if (p.mse === null || p.runId === null) continue;
    if (best === null || p.mse < best.mse) best = { index: p.index, point: p.point, runId: p.runId, mse: p.mse, mseSe: p.mseSe };
  }
  return best;
}

/**
 * The parabola vertex of a 1-D grid (SweepVertex): fitted to the 7 points with an mse around
 * the lowest one (fewer near an edge, never fewer than 5). Null for other grids, when the
 * lowest mse is at the grid's first or last point (the minimum may lie beyond the grid, and a
 * parabola through a one-sided curve such as V(w) on [0.1, 0.3] puts a false vertex inside it),
 * or when the fit has no minimum among the fitted points.
 */
export function sweepVertex(grid: readonly SweepAxis[], points: readonly SweepPointResult[]): SweepVertex | null {
  if (grid.length !== 1) return null;
  const path = grid[0].path;
  const usable = points.filter((p) => p.mse !== null);
  if (usable.length < VERTEX_MIN_POINTS) return null;
  let lowest = 0;
  usable.forEach((p, i) => {
    if (p.mse! < usable[lowest].mse!) lowest = i;
  });
  if (lowest === 0 || lowest === usable.length - 1) return null;
  const count = Math.min(VERTEX_POINTS, usable.length);
  const start = Math.min(Math.max(0, lowest - Math.floor(count / 2)), usable.length - count);
  const chosen = usable.slice(start, start + count);
  const xs = chosen.map((p) => p.point[path]);
  const fit = parabolaVertex(xs, chosen.map((p) => p.mse!));
  return fit ? { path, value: fit.x, mse: fit.y, fitted: xs } : null;
}

/**
 * A stored sweep with every point's run and summary, in grid order, plus the argmin: what the
 * CLI prints when a sweep ends and what a sweep view reads later. One snapshot throughout.
 */
export function loadSweepResults(store: ReadableRunStore, sweepId: string): SweepResults {
  return store.snapshot((s) => {
    const sweep = s.getSweep(sweepId);
    if (!sweep) throw new ServiceError('BAD_REQUEST', `no sweep '${sweepId}' in ${s.file}`);
    const key = (point: SweepPoint): string => sweep.grid.map((a) => point[a.path]).join('|');
    const byPoint = new Map<string, RunRecord>();
    // A point run twice (not something runSweep does) shows its latest run.
    for (const run of s.sweepRuns(sweepId)) if (run.sweepPoint) byPoint.set(key(run.sweepPoint), run);
    const points = expandGrid(sweep.grid).map((point, index): SweepPointResult => {
      const run = byPoint.get(key(point));
      const window = pointWindow(sweep, point);
      const summary = run ? summarisePoint(s.getGenerations(run.id), window) : summarisePoint([], window);
      return { index, point, runId: run?.id ?? null, status: run?.status ?? 'not-started', window, ...summary };
    });
    return {
      sweepId: sweep.id,
      name: sweep.name,
      preset: sweep.preset,
      status: sweep.status,
      base: sweep.base,
      grid: sweep.grid,
      window: sweep.window,
      createdAt: sweep.createdAt,
      finishedAt: sweep.finishedAt,
      points,
      best: bestPoint(points),
      vertex: sweepVertex(sweep.grid, points),
    };
  });
}
