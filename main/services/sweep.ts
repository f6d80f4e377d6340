import type { AbortSignalLike, RunConfig } from '../../engine';
import type { LoadedTf } from '../engine-host';
import type { ReadableRunStore, SweepPoint, SweepRecord, WritableRunStore } from '../store';
import { ServiceError } from './errors';
import { executeRun, type RunProgress, type Simulator } from './execute-run';
import { resolveReusedFilter } from './neural-run';
import type { SweepRequest as ContractSweepRequest } from '../../preload/contract';
import { prepareRun } from './prepare-run';
import { checkGrid, defaultWindow, expandGrid, formatPoint, type GridAxis } from './sweep-grid';
import { loadSweepResults, summarisePoint, type SweepPointResult, type SweepResults } from './sweep-results';

/** What starts a sweep (`sweep`, `sweeps:start`): a run request and the grid, declared in the contract. */
export type SweepRequest = ContractSweepRequest;

/** A sweep checked and expanded, before anything is written. */
export interface SweepPlan {
  name: string;
  /** The validated config of the request, without the grid. */
  base: RunConfig;
  grid: GridAxis[];
  window: [number, number] | null;
  /** Every grid point with its validated config, in run order. */
  points: { point: SweepPoint; config: RunConfig }[];
}

export interface SweepOptions {
  /** How each run's generations are computed: one simulator for all points... */
  simulate?: Simulator;
  /** ...or one per point's config (e.g. a thread count that fits its size). Wins over `simulate`. */
  simulatorFor?: (config: Readonly<RunConfig>) => Simulator;
  /** Neural points that train their filter inline need it (executeRun). */
  loadTf?: () => Promise<LoadedTf>;
  /** Cancels the sweep: the current run is stored interrupted, the points after it never start. */
  signal?: AbortSignalLike;
  /** Called once the sweep row exists, before the first run. */
  onStarted?: (sweep: SweepRecord) => void;
  /** A point's run row exists and the run is about to compute. */
  onPointStarted?: (info: { index: number; total: number; point: SweepPoint; runId: string }) => void;
  /** Progress of the current point's run (`progress.total` counts its generations, `at.total` the points). */
  onRunProgress?: (progress: RunProgress, at: { index: number; total: number; point: SweepPoint }) => void;
  /** A point's run has ended; its summary is computed from what was stored. */
  onPoint?: (result: SweepPointResult, total: number) => void;
}

/** Default sweep name: the base name and each axis' range, e.g. `fresh-golden: data.realWeight 0.2..0.78`. */
function defaultName(base: RunConfig, grid: readonly GridAxis[]): string {
  const axes = grid.map((a) => (a.values.length <= 4 ? `${a.path}=${a.values.join(',')}` : `${a.path} ${a.values[0]}..${a.values[a.values.length - 1]}`));
  return `${base.name}: ${axes.join(' x ')}`;
}

/**
 * Checks a sweep completely without writing anything: the grid, the base config, EVERY point's
 * config (a bad point is an error naming the point and the field), the window against every
 * point's generations, and, given a store, every point's `filter.id`. Throws ServiceError.
 */
export function prepareSweep(request: Readonly<SweepRequest>, store?: ReadableRunStore): SweepPlan {
  checkGrid(request.grid);
  const grid = request.grid.map((a) => ({ path: a.path, values: [...a.values] }));
  const base = prepareRun(request);
  const overrides = request.overrides ?? [];
  const points = expandGrid(grid).map((point) => {
    // JSON.stringify writes the shortest text that reads back as the same double.
    const pointOverrides = Object.entries(point).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
    let config: RunConfig;
    try {
      config = prepareRun({ preset: request.preset, config: request.config, overrides: [...overrides, ...pointOverrides] });
    } catch (error) {
      if (error instanceof ServiceError) throw new ServiceError(error.code, `grid point ${formatPoint(point)}: ${error.message}`);
      throw error;
    }
    if (store) {
      try {
        resolveReusedFilter(store, config);
      } catch (error) {
        if (error instanceof ServiceError) throw new ServiceError(error.code, `grid point ${formatPoint(point)}: ${error.message}`);
        throw error;
      }
    }
    // The name is free text: each run says where on the grid it was made.
    return { point, config: { ...config, name: `${base.name} [${formatPoint(point)}]` } };
  });
  const window = request.window ? checkWindow(request.window, points) : null;
  return { name: request.name ?? defaultName(base, grid), base, grid, window, points };
}

function checkWindow(window: readonly [number, number], points: SweepPlan['points']): [number, number] {
  const [from, to] = window;
  const argument = `--window ${from}:${to}`;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from) {
    throw new ServiceError('BAD_REQUEST', `${argument}: expected generations FROM:TO with 0 <= FROM < TO`);
  }
  for (const { point, config } of points) {
    if (to > config.generations + 1) {
      const where = points.length > 1 ? ` at grid point ${formatPoint(point)}` : '';
      throw new ServiceError('BAD_REQUEST', `${argument}: the run${where} has generations 0..${config.generations}, so TO can be at most ${config.generations + 1}`);
    }
  }
  return [from, to];
}

/**
 * Runs a sweep: one stored run per grid point, in grid order, one after another, each linked
 * to the sweep with its point. Everything is checked first (prepareSweep), so a sweep that
 * cannot start writes nothing. A point that fails is stored failed and the sweep goes on (the
 * sweep ends `failed`); a cancel stores the current run interrupted, starts no further point
 * and ends the sweep `interrupted`. Returns every point's summary over the window (read back
 * from the store) and the argmin.
 *
 * All points share the base config's seed, so they draw the same random numbers (common random
 * numbers): where the engine's draws do not depend on the swept value (fresh data, the
 * schedules, the weights), neighbouring points see the same noise, and the differences between
 * their summaries are far less noisy than each summary's own standard error says. That is
 * what makes the curve smooth and its argmin sharp; it also means the points' errors are
 * correlated, so a whole stretch of the curve can sit a little above or below the theory.
 */
export async function runSweep(store: WritableRunStore, request: Readonly<SweepRequest>, options: SweepOptions = {}): Promise<SweepResults> {
  const plan = prepareSweep(request, store);
  const trainsInline = plan.points.some((p) => p.config.filter.kind === 'neural' && p.config.filter.id === undefined);
  if (trainsInline && !options.loadTf) throw new Error('runSweep: a neural sweep that trains its filters needs loadTf');

  const sweep = store.createSweep({ name: plan.name, preset: plan.base.preset ?? null, base: plan.base, grid: plan.grid, window: plan.window });
  options.onStarted?.(sweep);
  const total = plan.points.length;
  let failed = false;
  let interrupted = false;
  try {
    for (const [index, { point, config }] of plan.points.entries()) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const outcome = await executeRun(store, config, {
        signal: options.signal,
        loadTf: options.loadTf,
        simulate: options.simulatorFor?.(config) ?? options.simulate,
        onStarted: (runId) => {
          store.setRunSweep(runId, sweep.id, point);
          options.onPointStarted?.({ index, total, point, runId });
        },
        onProgress: options.onRunProgress ? (p) => options.onRunProgress!(p, { index, total, point }) : undefined,
      });
      const window = plan.window ?? defaultWindow(config.generations);
      const summary = summarisePoint(store.getGenerations(outcome.runId), window);
      options.onPoint?.({ index, point, runId: outcome.runId, status: outcome.status, window, ...summary }, total);
      if (outcome.status === 'failed') failed = true;
      if (outcome.status === 'interrupted') {
        interrupted = true;
        break;
      }
    }
  } catch (error) {
    // Not a run's failure (executeRun stores those): the store itself, or a callback, threw.
    store.finishSweep(sweep.id, 'failed');
    throw error;
  }
  store.finishSweep(sweep.id, interrupted ? 'interrupted' : failed ? 'failed' : 'completed');
  return loadSweepResults(store, sweep.id);
}

/** `sweeps --json` entry: a stored sweep without its base config. */
export interface SweepListEntry {
  id: string;
  name: string;
  preset: string | null;
  status: SweepRecord['status'];
  createdAt: string;
  finishedAt: string | null;
  grid: GridAxis[];
  window: [number, number] | null;
  /** Grid points, and runs stored for them so far. */
  points: number;
  runs: number;
}

export function toSweepListEntry(s: SweepRecord): SweepListEntry {
  return {
    id: s.id,
    name: s.name,
    preset: s.preset,
    status: s.status,
    createdAt: s.createdAt,
    finishedAt: s.finishedAt,
    grid: s.grid,
    window: s.window,
    points: s.grid.reduce((n, a) => n * a.values.length, 1),
    runs: s.runCount,
  };
}
