import { sharedTf } from '../../engine-host';
import {
  checkGrid,
  formatPoint,
  parseGridArgument,
  parseWindow,
  prepareSweep,
  toSweepListEntry,
  type SweepPointResult,
  type SweepRequest,
  type SweepResults,
} from '../../services';
import type { CliOptions } from '../args';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_RUN_FAILED, UsageError, type CliIo } from '../io';
import { generationWork, ProgressBar } from '../progress-bar';
import { openCliStore, openListingStore } from '../store-access';
import { runSweepJob } from '../sweep-job';
import { formatTable } from '../table';
import { simulatorFor, threadsFor } from '../threads';
import { readConfigFile } from './run';

/** The request of `sweep`'s options; UsageError (exit 2) for anything that cannot start. */
export function sweepRequest(options: CliOptions, io: CliIo): SweepRequest {
  if (options.preset === undefined && options.config === undefined) {
    throw new UsageError('sweep: give --preset NAME or --config FILE (see `presets` for the names)');
  }
  if (options.preset !== undefined && options.config !== undefined) throw new UsageError('sweep: give either --preset or --config, not both');
  if (options.grid.length === 0) throw new UsageError('sweep: give at least one --grid PATH=START:STOP:STEP (or PATH=a,b,c)');
  const grid = options.grid.map(parseGridArgument);
  // Named as typed: "--grid data.realWeight=0.2:0.78:0.02", not the 30 values it expands to.
  checkGrid(grid, (_, i) => options.grid[i]);
  return {
    preset: options.preset,
    config: options.config !== undefined ? readConfigFile(options.config, io.cwd) : undefined,
    overrides: options.set,
    grid,
    window: options.window !== undefined ? parseWindow(options.window) : undefined,
    name: options.name,
  };
}

const num = (v: number | null, digits = 4): string => (v === null ? '-' : v.toPrecision(digits));

/** One stderr line per finished point. */
export function pointLine(r: SweepPointResult, total: number, message: string | null): string {
  const head = `[${r.index + 1}/${total}] ${formatPoint(r.point)}: ${r.status}`;
  const mse = r.mse === null ? '' : `, mse ${num(r.mse)}${r.mseSe === null ? '' : ` ± ${num(r.mseSe, 2)}`}`;
  return `${head}${mse}${message ? ` (${message})` : ''} (run ${r.runId})\n`;
}

/** The human form: a header, one row per point, the argmin lines and what ± means. */
function sweepText(results: SweepResults, file: string): string {
  const { points } = results;
  const paths = results.grid.map((a) => a.path);
  const has = (pick: (p: SweepPointResult) => number | null): boolean => points.some((p) => pick(p) !== null);
  const columns: { title: string; cell: (p: SweepPointResult) => string }[] = [
    ...paths.map((path) => ({ title: path, cell: (p: SweepPointResult) => String(p.point[path]) })),
    { title: 'mse', cell: (p) => num(p.mse) },
    { title: '± se', cell: (p) => num(p.mseSe, 2) },
  ];
  if (has((p) => p.theory)) columns.push({ title: 'theory', cell: (p) => num(p.theory) });
  if (has((p) => p.testError)) {
    columns.push({ title: 'test error', cell: (p) => num(p.testError) }, { title: '± se', cell: (p) => num(p.testErrorSe, 2) });
  }
  if (has((p) => p.theoryTestError)) columns.push({ title: 'theory test', cell: (p) => num(p.theoryTestError) });
  columns.push(
    { title: 'kept', cell: (p) => num(p.kept) },
    { title: 'status', cell: (p) => p.status },
    { title: 'run', cell: (p) => p.runId ?? '-' },
  );

  const windows = new Set(points.map((p) => `[${p.window[0]}, ${p.window[1]})`));
  const over = windows.size === 1 ? `generations t in ${[...windows][0]}` : "each run's last quarter of generations";
  const runs = points.filter((p) => p.runId !== null).length;
  const lines = [`sweep ${results.sweepId} ${results.status}: ${runs} of ${points.length} points run, stored in ${file}; summaries over ${over}`];
  lines.push(formatTable(columns.map((c) => c.title), points.map((p) => columns.map((c) => c.cell(p)))).trimEnd());
  const { best, vertex } = results;
  if (best) {
    lines.push(`lowest mse on the grid: ${formatPoint(best.point)}, mse ${num(best.mse)}${best.mseSe === null ? '' : ` ± ${num(best.mseSe, 2)}`} (run ${best.runId})`);
  }
  if (vertex) {
    const range = `${vertex.fitted[0]}..${vertex.fitted[vertex.fitted.length - 1]}`;
    lines.push(
      `parabola vertex: ${vertex.path}=${num(vertex.value)}, mse ${num(vertex.mse)} (least squares over the ${vertex.fitted.length} points ${range}; a steadier estimate of the argmin than the lowest grid point)`,
    );
  } else if (best && results.grid.length === 1) {
    const usable = points.filter((p) => p.mse !== null);
    if (usable.length >= 5) {
      const atEdge = best.index === usable[0].index || best.index === usable[usable.length - 1].index;
      lines.push(
        atEdge
          ? 'parabola vertex: none (the lowest mse is at the edge of the grid; the minimum may lie beyond it)'
          : 'parabola vertex: none (the parabola through the points around the lowest mse has no minimum among them)',
      );
    }
  }
  const seeded = paths.includes('seed');
  lines.push(
    seeded
      ? "± se: standard error of the window's mean, its generations' autocorrelation included. The points have seeds of their own, so their errors are independent."
      : "± se: standard error of the window's mean, its generations' autocorrelation included. Every point uses the same seed (common random numbers): where the swept value does not change which numbers are drawn (a weight, say), differences between neighbouring points are much less noisy than ± se.",
  );
  return `${lines.join('\n')}\n`;
}

/** The sweep's table (or its JSON document) on stdout, a line on stderr unless it completed; the exit status. */
export function printSweepResults(results: SweepResults, file: string, options: CliOptions, io: CliIo): number {
  if (options.json) {
    const doc: Record<string, unknown> = {
      sweepId: results.sweepId,
      name: results.name,
      status: results.status,
      grid: results.grid,
      window: results.window,
      points: results.points.map(({ index, point, runId, status, window, mse, mseSe, mseTau, theory, testError, testErrorSe, theoryTestError, kept }) => ({
        index, point, runId, status, window, mse, mseSe, mseTau, theory, testError, testErrorSe, theoryTestError, kept,
      })),
      best: results.best,
    };
    if (results.vertex) doc.vertex = results.vertex;
    io.stdout(`${JSON.stringify(doc)}\n`);
  } else {
    io.stdout(sweepText(results, file));
  }
  if (results.status !== 'completed') io.stderr(`sweep ${results.sweepId} ${results.status}\n`);
  return results.status === 'interrupted' ? EXIT_INTERRUPTED : results.status === 'failed' ? EXIT_RUN_FAILED : EXIT_OK;
}

/**
 * `sweep --preset NAME | --config FILE [--set ...] --grid PATH=START:STOP:STEP [--grid ...]
 * [--window A:B] [--threads N|auto] [--json]`: one stored run per grid point, then a table.
 */
export async function sweepCommand(options: CliOptions, io: CliIo): Promise<number> {
  const request = sweepRequest(options, io);
  // Every point's config and the window are checked before the store is even opened.
  const plan = prepareSweep(request);
  threadsFor(options.threads, plan.base);

  const store = openCliStore(options, io);
  try {
    const showProgress = options.progress || io.stderrIsTTY;
    let bar: ProgressBar | undefined;
    const results = await runSweepJob(store, request, {
      signal: io.signal,
      loadTf: sharedTf,
      simulatorFor: (config) => simulatorFor(threadsFor(options.threads, config)),
      onRunProgress: (p, at) => {
        if (!showProgress) return;
        bar ??= new ProgressBar(io.stderr, `[${at.index + 1}/${at.total}] ${formatPoint(at.point)}`, { work: generationWork(plan.points[at.index].config) });
        bar.update(p.done, p.total, `rms error ${p.last.error.rms.toPrecision(4)}`);
      },
      onPoint: (r, total) => {
        bar?.finish();
        bar = undefined;
        // Logs only on a terminal or with --progress (docs/cli.md); a point that did not
        // complete is always reported, as `run` reports a run that did not.
        if (showProgress || r.status !== 'completed') {
          const message = r.status === 'completed' || r.runId === null ? null : (store.getRun(r.runId)?.error ?? null);
          io.stderr(pointLine(r, total, message));
        }
      },
    });
    return printSweepResults(results, store.file, options, io);
  } finally {
    store.close();
  }
}

/** `sweeps [--json]`: stored sweeps, newest first. */
export function sweepsCommand(options: CliOptions, io: CliIo): number {
  const { store, file } = openListingStore(options, io);
  try {
    const sweeps = (store?.listSweeps() ?? []).map(toSweepListEntry);
    if (options.json) {
      io.stdout(`${JSON.stringify(sweeps)}\n`);
    } else if (sweeps.length === 0) {
      io.stdout(`no sweeps in ${file} yet: try \`npm run cli -- sweep --preset fresh-golden --grid data.realWeight=0.2:0.78:0.02 --window 150:200\`\n`);
    } else {
      const axis = (a: { path: string; values: number[] }): string =>
        a.values.length <= 4 ? `${a.path}=${a.values.join(',')}` : `${a.path} ${a.values[0]}..${a.values[a.values.length - 1]} (${a.values.length})`;
      const rows = sweeps.map((s) => [
        s.id,
        s.status,
        `${s.runs}/${s.points}`,
        s.preset ?? '-',
        s.grid.map(axis).join(' x '),
        s.window ? `${s.window[0]}:${s.window[1]}` : 'last quarter',
        s.name,
        s.createdAt.replace('T', ' ').slice(0, 19),
      ]);
      io.stdout(formatTable(['id', 'status', 'runs', 'preset', 'grid', 'window', 'name', 'created (UTC)'], rows));
    }
    return EXIT_OK;
  } finally {
    store?.close();
  }
}
